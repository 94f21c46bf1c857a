// 100,000 connections are far above this machine's open-file limit: the preflight refuses them before any server is
// forked, with the limits it found, the number needed and how to raise the limit.
def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('BUILD FAILURE')
assert buildLog.contains('Invalid allocator bench configuration: 100,000 connections need about 100,256 open files')
assert buildLog =~ /open-file limits found are: Maven JVM [0-9,]+ \([0-9,]+ open already\), forked server [0-9,]+/
assert buildLog.contains('ulimit -n ')
assert buildLog.contains('LimitNOFILE=')
assert buildLog.contains('docker run --ulimit nofile=')

// No fork started: no server log, no "server pid" line, no results.
assert !buildLog.contains('server pid')
def logs = new File(basedir, 'target/allocator-bench/logs')
assert !logs.exists() || logs.listFiles().findAll { it.name.endsWith('.log') }.isEmpty()
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
