import groovy.json.JsonSlurper

import java.util.concurrent.TimeUnit

// SIGINT to Maven during the second allocator, as Ctrl-C would: the results must say the bench was interrupted and
// which planned run did not finish, and allocator:baseline must refuse them.
def plugin = new groovy.xml.XmlSlurper().parse(new File(basedir, 'pom.xml')).properties.'plugin.coordinates'.text()
// The Maven this invoker execution runs (pom.xml's scriptVariables): Maven 4 swallows SIGINT unless the bench
// handles it.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def settings = new File(basedir, 'interrupted-settings.xml')
settings.text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def common = [mvn, '-B', '-s', settings.absolutePath, '-Dmaven.repo.local=' + localRepositoryPath.absolutePath]
def maven = new ProcessBuilder(common + ['verify']).directory(basedir).redirectErrorStream(true).start()
def log = new File(basedir, 'interrupted-maven.log')
def second = false
def deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300)
def reader = maven.inputStream.newReader()
def line
while ((line = reader.readLine()) != null && System.nanoTime() < deadline) {
    log << line << '\n'
    if (line =~ /\[glibc-arena2\] [0-9]+\/30 s /) {
        second = true
        break
    }
}
assert second : "the bench never loaded its second allocator; see ${log}"
assert new ProcessBuilder('kill', '-INT', maven.pid() as String).start().waitFor() == 0
while ((line = reader.readLine()) != null) {
    log << line << '\n'
}
assert maven.waitFor(60, TimeUnit.SECONDS) : "Maven did not end after SIGINT; see ${log}"

def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
assert results.interrupted == true
assert results.runs*.allocator == ['system', 'glibc-arena2']
assert results.runs*.status == ['ok', 'interrupted']
assert results.runs[1].failure == 'the bench was interrupted (SIGINT or SIGTERM) before this run finished'
assert new File(out, 'summary.md').text.contains('This bench was interrupted (SIGINT or SIGTERM): 1 planned run did '
        + 'not finish, so the comparison below is incomplete.')
assert new File(out, 'index.html').text.contains('This bench was interrupted (SIGINT or SIGTERM)')
assert log.text.contains('Interrupted: ' + new File(out, 'results.json').canonicalPath
        + ' records 1 finished run(s) and 1 interrupted one(s).')

def baselineLog = new File(basedir, 'baseline-maven.log')
def baseline = new ProcessBuilder(common + [plugin + ':baseline'])
        .directory(basedir).redirectErrorStream(true).redirectOutput(baselineLog).start()
assert baseline.waitFor(120, TimeUnit.SECONDS)
assert baseline.exitValue() != 0 : "the baseline accepted interrupted results; see ${baselineLog}"
def text = baselineLog.text
assert text.contains('are incomplete: the bench was interrupted (SIGINT or SIGTERM) with 1 planned run(s) '
        + 'unfinished; the configured allocator glibc-arena2 has no completed run (interrupted).')
assert text.contains('-Dallocbench.allowIncomplete=true')
assert !new File(basedir, 'allocator-baseline.json').exists()
return true
