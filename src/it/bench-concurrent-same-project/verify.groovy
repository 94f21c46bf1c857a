import groovy.json.JsonSlurper

import java.util.concurrent.TimeUnit

// Two benches of one project started together: the machine's bench lock makes the second wait with a message naming
// the first, and the second writes beside the first's output, so both complete and both results are kept.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def settings = new File(basedir, 'concurrent-settings.xml')
settings.text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def start = { String name ->
    def log = new File(basedir, name + '.log')
    def process = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath,
            '-Dmaven.repo.local=' + localRepositoryPath.absolutePath, 'verify')
            .directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
    [process, log]
}
def (a, aLog) = start('first')
def (b, bLog) = start('second')
assert a.waitFor(600, TimeUnit.SECONDS) : "the first bench did not end; see ${aLog}"
assert b.waitFor(600, TimeUnit.SECONDS) : "the second bench did not end; see ${bLog}"
assert a.exitValue() == 0 : "see ${aLog}"
assert b.exitValue() == 0 : "see ${bLog}"

def logs = [aLog.text, bLog.text]
def waited = logs.findAll { it.contains('Waiting for another bench (pid ') }
assert !waited.isEmpty() : "neither bench waited for the other; see ${aLog} and ${bLog}"
// A bench of another build on the machine may hold the lock first; then both wait, each naming that one.
if (waited.size() == 1) {
    assert waited[0].contains(', project bench-concurrent-same-project (')
}
def out = new File(basedir, 'target/allocator-bench').canonicalPath
def beside = logs.findAll {
    it.contains('The bench this one waited for wrote to ' + out + '; this bench writes to ' + out + '-2 '
            + 'so that both results are kept.')
}
assert beside.size() == 1 : "exactly one bench should have written beside the other; see ${aLog} and ${bLog}"
logs.each { assert it.contains('BUILD SUCCESS') }

[new File(basedir, 'target/allocator-bench'), new File(basedir, 'target/allocator-bench-2')].each { dir ->
    def results = new JsonSlurper().parse(new File(dir, 'results.json'))
    assert results.runs*.status == ['ok'] : "${dir}: ${results.runs*.status}"
    assert results.interrupted == false
}
def pids = [new File(basedir, 'target/allocator-bench/results.json'),
            new File(basedir, 'target/allocator-bench-2/results.json')]
        .collect { new JsonSlurper().parse(it).runs[0].pid }
assert pids[0] != pids[1]
return true
