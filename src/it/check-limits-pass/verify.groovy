import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))

assert results.runs*.status == ['ok']
assert results.checks.size() == 5
assert results.checks.every { it.passed && it.allocator == 'system' }
assert results.checks*.metric == ['peakRss', 'retainedRss', 'requestsPerSecond', 'p99Latency', 'errorRate']
assert results.checks*.rule == ['maximum', 'maximum', 'minimum', 'maximum', 'maximum']

assert log =~ /\[INFO\] system peakRss is [0-9.]+ [KMG]iB, within the maximum of 4\.00 GiB\./
assert log =~ /\[INFO\] system retainedRss is -?[0-9.]+ [KMG]iB, within the maximum of 2\.00 GiB\./
assert log =~ /\[INFO\] system requestsPerSecond is [0-9,]+ req\/s, meeting the minimum of 1 req\/s\./
assert log =~ /\[INFO\] system p99Latency is [0-9.,]+ ms, within the maximum of 10,000 ms\./
assert log =~ /\[INFO\] system errorRate is [0-9.]+%, within the maximum of 5(\.0)?%\./
assert !log.contains('[ERROR]')
assert log.contains('BUILD SUCCESS')
return true
