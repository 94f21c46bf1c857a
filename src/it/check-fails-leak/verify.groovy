import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def baselineFile = new File(basedir, 'allocator-baseline.json')

// Invocation 1: bench without the leak, then the baseline goal records it.
assert baselineFile.exists()
def baseline = new JsonSlurper().parse(baselineFile)
assert baseline.runs*.status == ['ok']
assert baseline.config.jvmArgs.contains('-Dleak=false')
assert baseline.checks == []
assert log.contains("Recorded the baseline ${baselineFile.absolutePath}")
assert log =~ /  system \(1 ok run\(s\)\): peakRss [0-9.]+ [KMG]iB/

// Invocation 2: the leaking bench is compared with it, warned about its other JVM options, and fails.
assert log.contains('  jvmArgs: -Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError -Dleak=false '
        + '-XX:NativeMemoryTracking=summary in the baseline, '
        + '-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:+ExitOnOutOfMemoryError -Dleak=true '
        + '-XX:NativeMemoryTracking=summary now')
assert log =~ /\[ERROR\] system (peakRss|retainedRss) is [0-9.]+ [KMG]iB: it increased [0-9.]+ ?(%|[KMG]iB) over the baseline's/
assert log =~ /allocator bench checks failed:/
assert log =~ /allocator \| metric\s+\| actual\s+\| limit or baseline\s+\| difference/
assert log =~ /system\s+\| (peakRss|retainedRss)\s+\| [0-9.]+ [KMG]iB\s+\| baseline [0-9.]+ [KMG]iB \(at most [0-9.]+ [KMG]iB\)\s+\| \+[0-9.]+ [KMG]iB/
assert log.contains('BUILD FAILURE')

def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))
assert results.config.jvmArgs.contains('-Dleak=true')
assert results.checks.any { !it.passed && it.rule == 'maxIncrease' && it.metric in ['peakRss', 'retainedRss'] }
return true
