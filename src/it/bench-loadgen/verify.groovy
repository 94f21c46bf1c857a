import groovy.json.JsonSlurper

// 500 connections for 3 s against the built-in handler: every connection opens, requests flow, nothing fails, and the
// result says how long the ramp took and what the generator itself cost in Maven's JVM.
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.runs.size() == 1
def run = results.runs[0]
assert run.status == 'ok' : "run is ${run.status}: ${run.failure}"
def load = run.load
assert load.connectionsOpened == 500
assert load.requests > 0
assert load.errors == 0 : "errors by cause: ${load.errorsByCause}"
assert load.requestsPerSecond > 0
assert load.rampMs != null && load.rampMs > 0
assert load.perSecond.size() == 3
assert load.targetRate == 0
assert load.sourceAddresses == 1
assert load.generatorJvm == 'maven'
assert load.generatorCpuSeconds > 0
assert load.generatorRssKb > 0

def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('Preflight: 500 connections fit the open-file limits')
assert buildLog.contains('load generator (closed loop, in Maven\'s JVM, not the server\'s): CPU')
return true
