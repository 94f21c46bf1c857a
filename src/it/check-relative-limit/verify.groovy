import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

assert results.runs*.status == ['ok', 'ok']
assert results.checks*.allocator == ['jemalloc', 'jemalloc', 'jemalloc']
assert results.checks*.rule == ['maximumOf', 'maximumOf', 'minimumOf']
assert results.checks*.reference == ['system', 'system', 'system']
assert results.checks*.level == ['warn', 'fail', 'pass']
def system = results.runs.find { it.allocator == 'system' }.summary.peakNativeRssKb
def jemalloc = results.runs.find { it.allocator == 'jemalloc' }.summary.peakNativeRssKb
def failed = results.checks[1]
assert failed.actual == jemalloc
assert failed.referenceValue == system
assert Math.abs(failed.limit - system * 0.10) < 1
assert Math.abs(results.checks[0].warnLimit - system * 0.05) < 1

def size = /[0-9.]+ [KMG]iB/
def percent = /[0-9,]+\.[0-9]%/
assert log =~ /\[WARNING\] jemalloc peakNativeRss is ${size}, ${percent} of system's ${size}, within the maximum of 1000% of system \(${size}\) but past the warning level of 5% \(${size}\)\./
assert log =~ /\[ERROR\] jemalloc peakNativeRss is ${size}, ${percent} of system's ${size}, but expected maximum is 10% of system \(${size}\)\./
assert log =~ /\[INFO\] jemalloc requestsPerSecond is [0-9,]+ req\/s, ${percent} of system's [0-9,]+ req\/s, meeting the minimum of 1% of system \([0-9,]+ req\/s\)\./
assert log =~ /jemalloc\s+\| peakNativeRss\s+\| ${size}\s+\| maximum 10% of system \(${size}\)\s+\| \+${size}/
assert log.contains('BUILD FAILURE')
def summary = new File(basedir, 'target/allocator-bench/summary.md').text
assert summary.contains('### Gate verdicts: 1 of 3 failed; 1 passed past their warning level')
return true
