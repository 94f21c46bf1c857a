import groovy.json.JsonSlurper

// -T 2 over two benching modules: one bench waits for the other inside the same JVM, every progress line names its
// module, and both modules keep their own results.
def log = new File(basedir, 'build.log').text
assert log.contains('[module-a] [system] server pid ')
assert log.contains('[module-b] [system] server pid ')
assert log =~ /\[module-[ab]\] Waiting for another bench \(pid \d+, project module-[ab] \(/
// No progress line of one module falls between the other's first and last progress line: the loads never overlapped.
def lines = log.readLines().findAll { it =~ /\[module-[ab]\] \[system\] / }
def owners = lines.collect { (it =~ /\[(module-[ab])\] \[system\] /)[0][1] }
assert owners.unique(false).size() == 2
def switches = (1..<owners.size()).count { owners[it] != owners[it - 1] }
assert switches == 1 : "the two benches interleaved: ${owners}"
['module-a', 'module-b'].each { m ->
    def results = new JsonSlurper().parse(new File(basedir, m + '/target/allocator-bench/results.json'))
    assert results.runs*.status == ['ok']
}
return true
