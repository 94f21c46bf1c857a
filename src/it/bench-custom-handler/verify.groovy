import groovy.json.JsonSlurper

def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
def connections = 200

assert results.schemaVersion == 1
assert results.config.handler == 'com.example.HelloHandler'
assert results.config.connections == connections
assert results.runs.size() == 2
assert results.runs*.allocator == ['system', 'jemalloc']
results.runs.each { run ->
    assert run.status == 'ok' : "run ${run.allocator} is ${run.status}: ${run.failure}"
    assert run.pid > 0
    assert run.samples.size() >= 3
    assert run.samples.every { it.rssKb > 0 && it.vszKb > 0 }
    assert run.load.connectionsOpened == connections
    assert run.load.requests > 0
    assert run.summary.peakRssKb > 0
    // The warm-up load comes first, then the idle baseline, the ramp, the measured load and the cooldown.
    def order = run.samples*.phase.unique()
    assert order.first() == 'warmup' && order.containsAll(['idle', 'load', 'cooldown'])
    assert order == ['warmup', 'idle', 'ramp', 'load', 'cooldown'].findAll { order.contains(it) }
}
def system = results.runs.find { it.allocator == 'system' }
assert system.library == null
// Nothing is preloaded for system, so nothing is proven: the field must say false (not be missing), and the log
// (below) must say so rather than claim a proof.
assert system.preloadVerified == false
def jemalloc = results.runs.find { it.allocator == 'jemalloc' }
assert jemalloc.preloadVerified
assert jemalloc.library.endsWith('libjemalloc.so.2')
assert system.pid != jemalloc.pid

def html = new File(out, 'index.html').text
assert html.contains('com.example.HelloHandler')
assert html.contains('jemalloc')
assert new File(out, 'samples.csv').readLines().size() > 6
assert new File(out, 'logs').listFiles().any { it.name.startsWith('jemalloc') }

def log = new File(basedir, 'build.log').text
assert log =~ /\[system\] server pid \d+ on 127\.0\.0\.1:\d+, no preload/
assert log =~ /\[jemalloc\] server pid \d+ on 127\.0\.0\.1:\d+, preload proven: \/\S+libjemalloc\.so\.2/
assert log =~ /\[jemalloc\] \d+\/3 s /
assert log =~ /\[system\] warm-up \(not measured\): 200 connections, [0-9,.]+ req\/s over 1s/
return true
