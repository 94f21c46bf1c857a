import groovy.json.JsonSlurper

def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
def run = results.runs[0]
assert run.status == 'ok' : "run ${run.allocator} is ${run.status}: ${run.failure}"
assert run.validity.valid : "run invalid: ${run.validity.reasons}"

// The window's own figures show the climb the verdict names: slow first seconds, fast last ones.
def perSecond = run.load.perSecond
assert perSecond.size() == 6 : "per second: ${perSecond}"
assert perSecond[0] < 0.6 * perSecond[5] : "the handler's slow start did not show: ${perSecond}"

def sentence = /measured window opened before the load had settled: its first 2 s answered a median [\d,]+ responses per second, its last 2 s [\d,]+ \([\d.]+%\)/
def log = new File(basedir, 'build.log').text
assert log =~ /\[system\] the measured window opened before the load had settled: its first 2 s answered/
assert log.contains("system's measured window opened before the load had settled")
assert (log =~ sentence).find()
assert log.contains('Raise settle (0s here), e.g. <settle>10s</settle>')

// The latency limit is not judged on that window, the memory limit is, and the build stops naming why.
assert results.checks.collect { [it.metric, it.passed] } == [['peakRss', true]] : "checks: ${results.checks}"
assert results.unjudgedChecks.collect { [it.metric, it.rule] } == [['p99Latency', 'maximum']]
assert results.unjudgedChecks[0].reasons[0].startsWith("trial 1's measured window opened before the load had settled")
assert log.contains('1 allocator(s) had checks that could not be judged, because runs they needed did not measure what '
        + 'they claim (the measurement broke, not the code): system: 1 check(s) could not be judged (p99Latency maximum) '
        + "because trial 1's measured window opened before the load had settled")
assert log.contains('BUILD FAILURE')
// The second build only warns, and records a baseline that says what it will not be compared on.
assert log.contains('The build goes on because failOnInvalid is false.')
assert log.contains("system: trial 1's measured window opened before the load had settled (its first 2 s answered")
assert log.contains("Its throughput and latency are recorded, but no later bench's requestsPerSecond or p99Latency is "
        + 'compared with them (not judged); raise settle (0s here), e.g. <settle>10s</settle>')
assert new File(basedir, 'allocator-baseline.json').isFile()
assert log.contains('BUILD SUCCESS')

def html = new File(out, 'index.html').text
assert (html =~ ('system&#39;s ' + sentence)).find() : 'the report does not name the climbing window'
assert html.contains('Raise settle (0s here), e.g. &lt;settle&gt;10s&lt;/settle&gt;') : 'the report gives no settle advice'

return true
