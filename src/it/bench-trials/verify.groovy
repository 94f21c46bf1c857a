import groovy.json.JsonSlurper

def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

assert results.config.trials == 3
assert results.runs.size() == 6
assert results.runs*.allocator == ['system', 'jemalloc', 'system', 'jemalloc', 'system', 'jemalloc']
assert results.runs*.trial == [1, 1, 2, 2, 3, 3]
results.runs.each { run ->
    assert run.status == 'ok' : "run ${run.allocator} #${run.trial} is ${run.status}: ${run.failure}"
}
assert results.runs*.pid.unique().size() == 6

def log = new File(basedir, 'build.log').text
assert log =~ /\[jemalloc #3\] server pid \d+/
assert log.indexOf('[system #2] server pid') < log.indexOf('[jemalloc #2] server pid')
assert log.indexOf('[jemalloc #1] server pid') < log.indexOf('[system #2] server pid')
return true
