import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'allocator-baseline.json')

assert log.contains("No baseline at ${baseline.absolutePath}; record one with mvn allocator:baseline")
assert log.contains('Until then the maxIncrease checks are not made.')
def results = new JsonSlurper().parse(new File(basedir, 'target/allocator-bench/results.json'))
assert results.runs*.status == ['ok']
assert results.checks == []
assert !baseline.exists()
assert log.contains('BUILD SUCCESS')
return true
