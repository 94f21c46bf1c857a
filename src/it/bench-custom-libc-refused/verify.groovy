import java.util.concurrent.TimeUnit

// The C library is mapped in every JVM, so "preloading" it proves nothing: the bench must refuse it before any fork.
def libc = new File('/proc/self/maps').readLines().collect { it.substring(it.lastIndexOf(' ') + 1) }
        .find { it ==~ /.*\/libc[.-].*so.*/ }
assert libc != null : 'no C library in /proc/self/maps'
def mvn = new File(mavenHome, 'bin/mvn').absolutePath
def settings = new File(basedir, 'libc-settings.xml')
settings.text = new File(basedir, '../../../src/it/settings.xml').text
        .replace('@localRepositoryUrl@', localRepositoryPath.toURI().toString())
def log = new File(basedir, 'libc-maven.log')
def maven = new ProcessBuilder(mvn, '-B', '-s', settings.absolutePath,
        '-Dmaven.repo.local=' + localRepositoryPath.absolutePath, '-Dlibc=' + libc, 'verify')
        .directory(basedir).redirectErrorStream(true).redirectOutput(log).start()
assert maven.waitFor(300, TimeUnit.SECONDS) : "the bench did not end; see ${log}"
def text = log.text
assert maven.exitValue() != 0 : "the bench accepted ${libc}; see ${log}"
assert text.contains("Invalid allocator bench configuration: Allocator 'libc': <library> ") : text
assert text.contains(' is already mapped in a JVM started without LD_PRELOAD') : text
assert text.contains("to bench the C library's malloc, use the built-in 'system'.") : text
assert !text.contains('preload proven')
assert !text.contains('server pid')
return true
