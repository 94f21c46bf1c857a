import java.util.concurrent.TimeUnit

// Run the bench in a Maven of our own, kill that Maven with SIGKILL during the load, as a cancelled CI job or a
// kill -9 would, and check that neither its forked server nor its load generator's JVM outlives it.
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
// The same repositories as the invoker's own builds: the local repository it installed the plugin into.
def settings = new File(basedir, 'killed-maven-settings.xml')
settings.text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def command = [mvn, '-B', '-s', settings.absolutePath, '-Dmaven.repo.local=' + localRepositoryPath.absolutePath,
               'verify']
def maven = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
def log = new File(basedir, 'killed-maven.log')
def forkPid = null
def generatorPid = null
// Generous bounds that only stop a hung run: a loaded 2-core machine starts JVMs slowly. A Maven that prints nothing
// more is killed by the watchdog, which ends the read loop.
def deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300)
Thread.startDaemon { if (!maven.waitFor(310, TimeUnit.SECONDS)) { maven.destroyForcibly() } }
maven.inputStream.withReader { reader ->
    def line
    while ((line = reader.readLine()) != null && deadline - System.nanoTime() > 0) {
        log << line << '\n'
        def m = line =~ /\[system\] server pid (\d+) /
        if (m.find()) {
            forkPid = m.group(1) as long
        }
        def g = line =~ /\(load generator pid (\d+)\)/
        if (g.find()) {
            generatorPid = g.group(1) as long
        }
        if (forkPid != null && line =~ /\[system\] [0-9]+\/60 s /) {
            break
        }
    }
}
assert forkPid != null : "the bench never reported its server; see ${log}"
def fork = ProcessHandle.of(forkPid).orElse(null)
assert fork != null && fork.alive : "server ${forkPid} was not running under load"
assert generatorPid != null : "the bench never reported its load generator; see ${log}"
def generator = ProcessHandle.of(generatorPid).orElse(null)
assert generator != null && generator.alive : "load generator ${generatorPid} was not running during the load"

maven.destroyForcibly()
assert maven.waitFor(60, TimeUnit.SECONDS)
def ended = fork.onExit().thenApply { true }.completeOnTimeout(false, 60, TimeUnit.SECONDS).get()
assert ended : "server ${forkPid} outlived the Maven that was killed"
def generatorEnded = generator.onExit().thenApply { true }.completeOnTimeout(false, 60, TimeUnit.SECONDS)
        .get()
assert generatorEnded : "load generator ${generatorPid} outlived the Maven that was killed"
def left = ProcessHandle.allProcesses().filter { p ->
    p.info().commandLine().orElse('').contains('io.github.allocbench') && p.info().commandLine().orElse('')
            .contains(basedir.absolutePath)
}.count()
assert left == 0 : "${left} process(es) of the plugin started from ${basedir} are still running"
return true
