import groovy.json.JsonSlurper

// <workload>churn</workload>: the built-in native churn handler is benched under system and jemalloc, and the
// environment says which jemalloc and which huge-page mode the figures belong to.
def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.config.handler == 'io.github.allocbench.handlers.NativeChurnHandler'
assert results.runs*.allocator == ['system', 'jemalloc']
results.runs.each { run ->
    assert run.status == 'ok' : "${run.allocator} is ${run.status}: ${run.failure}"
    assert run.load.requests > 0
    assert run.load.errors == 0
}
assert results.environment.transparentHugePages in ['always', 'madvise', 'never']
def jemalloc = results.environment.allocators.jemalloc
assert jemalloc.library.endsWith('libjemalloc.so.2')
assert jemalloc.packageName =~ /^libjemalloc2(:\w+)? \S+/
assert results.environment.allocators.system.library == null
assert new File(out, 'index.html').text.contains('Transparent huge pages')
return true
