import groovy.json.JsonSlurper

def text = new File(basedir, 'build.log').text
// One part per invocation, from Maven's start to its failure message, if any.
def parts = text.split(/(?=\[INFO\] Scanning for projects)/).findAll { it.contains('BUILD ') }
assert parts.size() == 4
def (recorded, leaked, skipped, listed) = parts[0..3]
def baselineFile = new File(basedir, 'allocator-baseline.json')

// Invocation 1: no baseline yet and no maxIncrease, so nothing is compared; then the baseline goal records one.
assert recorded.contains('BUILD SUCCESS')
assert !recorded.contains('Comparing with the baseline')
assert recorded.contains("Recorded the baseline ${baselineFile.absolutePath}")
def baseline = new JsonSlurper().parse(baselineFile)
assert baseline.runs*.status == ['ok']
assert baseline.runs[0].summary.peakNativeRssKb > 0

// Invocation 2: the leak fails the build on the defaults, which the log names with their amounts.
assert leaked.contains("Read the baseline ${baselineFile.absolutePath} (1 allocator(s)); <maxIncrease> names no metric, "
        + 'so the default amounts apply')
assert leaked.contains("Comparing with the baseline ${baselineFile.absolutePath} using the default maxIncrease "
        + 'peakNativeRss 10% (warning at 5%), retainedNativeRss 32 MiB (warning at 16 MiB), p99Latency 50% '
        + '(warning at 25%), errorRate 0.50 points (warning at 0.25 points); set <maxIncrease> to choose your own, '
        + 'or -Dallocbench.baseline.skip to compare nothing.')
assert leaked =~ /\[ERROR\] system peakNativeRss is [0-9.]+ [KMG]iB: it increased [0-9.]+% over the baseline's [0-9.]+ [KMG]iB, but the maximum increase is 10%\./
assert leaked =~ /system\s+\| peakNativeRss\s+\| [0-9.]+ [KMG]iB\s+\| baseline [0-9.]+ [KMG]iB \(at most [0-9.]+ [KMG]iB\)/
assert leaked.contains('BUILD FAILURE')

// Invocation 3: the comparison is skipped, and the log says so.
assert skipped.contains("Not comparing with the baseline ${baselineFile.absolutePath}: allocbench.baseline.skip is set.")
assert !skipped.contains('maximum increase')
assert skipped.contains('BUILD SUCCESS')

// Invocation 4: the command-line lists replace the defaults; the leak passes the wide amount past its warning level.
assert listed.contains("Comparing with the baseline ${baselineFile.absolutePath} (1 allocator(s)).")
assert !listed.contains('using the default maxIncrease')
assert listed =~ /\[WARNING\] system peakNativeRss is [0-9.]+ [KMG]iB: it increased [0-9.]+% over the baseline's [0-9.]+ [KMG]iB, within the maximum increase of 900% but past the warning level of 1%\./
assert listed =~ /\[INFO\] system retainedNativeRss is -?[0-9.]+ [KMG]iB: it (increased|decreased) [0-9.]+ [KMG]iB (over|from) the baseline's -?[0-9.]+ [KMG]iB, within the maximum increase of 4\.00 GiB\./
assert listed.contains('BUILD SUCCESS')

def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))
assert results.checks*.metric == ['peakNativeRss', 'retainedNativeRss']
def peak = results.checks[0]
assert peak.rule == 'maxIncrease' && peak.passed && peak.level == 'warn'
assert peak.warnLimit > peak.baseline && peak.warnLimit < peak.limit
assert results.checks[1].level == 'pass' && results.checks[1].warnLimit == null
def summary = new File(basedir, 'target/allocator-bench/summary.md').text
assert summary.contains('### Gate verdicts: all 2 passed; 1 passed past their warning level')
assert summary =~ /\| WARN \| system \| peakNativeRss \| maxIncrease \|/
assert new File(basedir, 'target/allocator-bench/index.html').text.contains('<tr class="warn">')
return true
