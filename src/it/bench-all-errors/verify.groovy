import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
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
    // A run that answered nothing but errors measured no handler: it is invalid, with the figures.
    assert run.validity.valid == false
    assert run.validity.reasons.any { it ==~ /error rate 100(\.0)?% \([0-9,]+ errors\) is above maxErrorRate 1\.0%/ }
}

// Invocation 1, without limits: the build succeeds and says the runs do not count.
assert log =~ /\[WARNING\] \[system\] invalid, so it is neither ranked nor judged: error rate/
assert log =~ /system\s+ok\s+invalid\s/
assert log.contains('system invalid, not ranked or judged: error rate')
assert log.contains('BUILD SUCCESS')

// Invocation 2, with a p99 limit: neither passed nor failed, could not be judged, and the build errs.
assert log.contains('system: 1 check(s) could not be judged (p99Latency maximum) because trial 1 is invalid: error rate')
assert log.contains('could not be judged, because runs they needed did not measure what they claim (the measurement broke, not the code)')
assert log.contains('Set <failOnInvalid>false</failOnInvalid>')
assert !(log =~ /p99Latency is [0-9.]+ ms, within the maximum/)
assert log.contains('BUILD FAILURE')
assert results.checks == []
// The check that could not be judged is kept in results.json, the report and summary.md, with why.
assert results.unjudgedChecks*.allocator == ['system', 'jemalloc']
results.unjudgedChecks.each { unjudged ->
    assert unjudged.metric == 'p99Latency' && unjudged.rule == 'maximum'
    assert unjudged.reasons.any { it.startsWith('trial 1 is invalid: error rate') }
}
// Without a pre-touched heap the allocator-governed part still excludes the untouched heap: never below NMT malloc's
// share by hundreds of MiB, as RSS minus NMT's total (which counts the 256 MiB committed heap) would make it.
results.runs.each { run ->
    run.samples.findAll { it.allocatorGovernedKb != null }.each { sample ->
        assert sample.allocatorGovernedKb > -64 * 1024 : "allocatorGovernedKb ${sample.allocatorGovernedKb}"
    }
}
def page = new File(basedir, 'target/allocator-bench/index.html').text
assert page.contains('None of the 2 checks could be judged, because runs they needed did not measure what they claim')
assert page.contains('<tr class="unjudged">')

def summary = new File(basedir, 'target/allocator-bench/summary.md').text
assert summary.contains('| system | ok | invalid |')
assert summary.contains('### Gate verdicts: none of the 2 checks could be judged (invalid runs)')
assert summary.contains('| not judged | system | p99Latency | maximum |')
return true
