import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

def run = results.runs[0]
assert run.status == 'ok' : "run is ${run.status}: ${run.failure}"
assert run.load.responses == 0
assert !run.validity.valid
assert run.validity.reasons.contains(
        'received no response in the measured window, so its latency and rate figures are empty')

// Neither limit passed, and neither failed as if the code were wrong: they could not be judged.
assert results.checks == [] : "checks ${results.checks}"
assert results.unjudgedChecks*.metric == ['p99Latency', 'errorRate']
assert !(log =~ /p99Latency is [0-9.]+ ms, within the maximum/)
assert !(log =~ /errorRate is [0-9.]+%, within the maximum/)
assert log.contains('system: 2 check(s) could not be judged (p99Latency maximum, errorRate maximum) because trial 1 is '
        + 'invalid: received no response in the measured window')
assert log.contains('MojoExecutionException')
assert log.contains('BUILD FAILURE')
return true
