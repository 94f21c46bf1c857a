import groovy.json.JsonSlurper

// 500 connections for 3 s against the built-in handler: every connection opens, requests flow, nothing fails, and the
// result says how long the ramp took and what the generator itself cost in the JVM of its own that it ran in.
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
assert load.generatorJvm == 'own'
assert load.generatorCpuSeconds > 0
assert load.generatorRssKb > 0
assert results.config.generatorJvmArgs == ['-Xmx128m', '-Xmn64m', '-XX:SurvivorRatio=2', '-XX:+UseSerialGC',
                                         '-XX:+ExitOnOutOfMemoryError']
assert results.config.settleMs == 10000
assert results.config.request.method == 'GET'
assert results.config.request.paths == ['/']

def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('Preflight: 500 connections fit the open-file limits')
assert buildLog.contains('load generator (closed loop, in its own JVM, not the server\'s): CPU')
// The generator ran in another process than Maven and the server, and wrote its own log and request file.
def pidMatcher = buildLog =~ /500 of 500 connections open after [^(]+\(load generator pid (\d+)\)/
assert pidMatcher.find() : 'no ramp line naming the load generator pid'
def generatorPid = pidMatcher.group(1) as long
assert generatorPid != run.pid
def logs = new File(out, 'logs')
assert new File(logs, 'system-1-load.log').isFile()
assert new File(logs, 'system-1-load.log.request.json').text.contains('"method":"GET"')
assert new File(logs, 'system-1-load.log.args').text.startsWith('-cp')
// It ended with its run.
assert !ProcessHandle.of(generatorPid).map { it.isAlive() }.orElse(false)
return true
