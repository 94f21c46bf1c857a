import groovy.json.JsonSlurper

// The server pinned to CPU 0 and the load generator to CPU 1: results.json records what was asked and, per run, what
// the kernel says each process was allowed after it started; the pinned JVM kept its pid (the preload is proven in
// its maps), and the report, summary.md and the log say where each ran.
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.config.serverCpus == '0'
assert results.config.generatorCpus == '1'
assert results.runs.size() == 2
results.runs.each { run ->
    assert run.status == 'ok' : "${run.allocator} is ${run.status}: ${run.failure}"
    assert run.cpus.server == results.config.serverCpus : "${run.allocator}: server allowed CPUs ${run.cpus.server}"
    assert run.cpus.generator == results.config.generatorCpus : "${run.allocator}: generator allowed CPUs ${run.cpus.generator}"
    assert run.validity.valid : "${run.allocator} invalid: ${run.validity.reasons}"
    assert run.load.connectionsOpened == 50
    assert run.load.responses > 0
}
def jemalloc = results.runs.find { it.allocator == 'jemalloc' }
assert jemalloc.preloadVerified

def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('CPU placement: server CPUs 0, generator CPUs 1 (taskset -c); Maven\'s JVM is not pinned')
// The pid the host started is the JVM's: READY's pid matched it, and /proc/<pid>/exe names java.
def server = buildLog =~ /\[jemalloc\] server pid (\d+) on [^,]+, preload proven: [^,]+, java (\S+), CPUs 0/
assert server.find() : 'no server line with the preload proven and CPUs 0'
assert server.group(1) as long == jemalloc.pid
assert server.group(2).endsWith('/bin/java')
assert buildLog =~ /\[system\] load generator pid \d+, CPUs 1/
assert new File(out, 'logs/system-1.log').text.contains('serves ')

assert new File(out, 'summary.md').text.contains('CPU placement: server CPUs 0, generator CPUs 1.')
def html = new File(out, 'index.html').text
assert html.contains('<th>CPU placement</th><td><code>server CPUs 0, generator CPUs 1</code>')
assert html.contains('<td>server 0, generator 1</td>')
return true
