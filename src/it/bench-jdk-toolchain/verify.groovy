import groovy.json.JsonSlurper

def out = new File(basedir, 'target/allocator-bench')
def results = new JsonSlurper().parse(new File(out, 'results.json'))
def temurin = new File('/usr/lib/jvm/temurin-25-jdk-amd64').canonicalPath

// The JDKs as their JVMs reported them, not as the configuration named them.
assert results.config.jdks*.label == ['jdk17', 'jdk25']
assert results.config.jdks[0].version.startsWith('17.')
assert results.config.jdks[1].version.startsWith('25.')
assert results.config.jdks[1].javaHome == temurin
assert results.config.jdks[1].vendor == 'Eclipse Adoptium'

assert results.runs.size() == 2
results.runs.each { run ->
    assert run.status == 'ok' : "run ${run.allocator} on ${run.jdk?.label} is ${run.status}: ${run.failure}"
    assert run.allocator == 'system'
}
assert results.runs*.jdk*.label == ['jdk17', 'jdk25']
assert results.runs[0].jdk.version.startsWith('17.')
assert results.runs[1].jdk.version.startsWith('25.')
assert results.runs[1].jdk.javaHome == temurin
assert results.runs[0].jdk.javaHome != temurin
// The native figures, the headline, exist on both JDKs (JDK 22+ prints GC.heap_info differently).
results.runs.each { run ->
    assert run.summary.peakNativeRssKb != null : "no native figures on ${run.jdk.version}: ${run.summary.heapResidentSource}"
}

// The limit on system applies on each JDK: judged there, or named as not judged when a busy machine made the run
// invalid (failOnInvalid is off so that the check of this IT does not hang on the machine's load).
def judged = results.checks*.allocator + results.unjudgedChecks*.allocator
assert judged.sort() == ['system@jdk17', 'system@jdk25']
assert results.checks.every { it.passed }

// Each forked server ran the java of its JDK: the bench logs /proc/<pid>/exe of every server.
def log = new File(basedir, 'build.log').text
assert log =~ /\[system@jdk25\] server pid \d+ .*, java \/usr\/lib\/jvm\/temurin-25-jdk-amd64\/bin\/java/
def jdk17Server = (log =~ /\[system@jdk17\] server pid \d+ .*, java (\S+)/)
assert jdk17Server.find()
assert !jdk17Server.group(1).contains('temurin-25')
assert log.contains('Server JDK jdk25: 25.')
assert log.indexOf('[system@jdk17] server pid') < log.indexOf('[system@jdk25] server pid')

// The other outputs name the runs by allocator and JDK.
assert new File(out, 'summary.md').text.contains('system@jdk25')
assert new File(out, 'index.html').text.contains('system@jdk25')
def csv = new File(out, 'samples.csv').readLines()
assert csv[0].endsWith(',jdk')
assert csv.drop(1).any { it.endsWith(',' + results.runs[1].jdk.version) }
assert csv.drop(1).any { it.endsWith(',' + results.runs[0].jdk.version) }
return true
