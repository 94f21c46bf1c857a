import groovy.json.JsonSlurper

def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

// The first server stopped answering; the next allocator still ran.
assert results.runs*.allocator == ['system', 'jemalloc']
results.runs.each { run ->
    assert run.status == 'ok' : "run ${run.allocator} is ${run.status}: ${run.failure}"
    def load = run.load
    assert load.perSecond[0] > 0
    assert load.perSecond[-1] == 0
    // The requests in flight when the window ended are counted, not lost: one per connection held.
    assert load.errorsByCause.unanswered > 0 : "errorsByCause ${load.errorsByCause}"
    assert load.errorsByCause.unanswered <= load.connectionsOpened
    assert load.errors >= load.errorsByCause.unanswered
    assert load.errorRatePercent > 0
}
return true
