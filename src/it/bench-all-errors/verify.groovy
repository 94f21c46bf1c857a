import groovy.json.JsonSlurper

def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

assert results.runs.size() == 2
results.runs.each { run ->
    assert run.status == 'ok' : "run ${run.allocator} is ${run.status}: ${run.failure}"
    def load = run.load
    assert load.responses > 0
    assert load.successes == 0
    assert load.errorsByCause['status 500'] == load.responses
    // Each response counts once: a handler answering 500 to everything errs on (nearly) every request.
    assert load.errorRatePercent >= 99.0 : "error rate ${load.errorRatePercent}"
    assert load.errorRatePercent <= 100.0
    assert load.elapsedWindowMs >= 3000
}
return true
