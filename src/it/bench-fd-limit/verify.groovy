// 2,147,483,391 connections are above the open-file limit of any Linux machine (fs.nr_open is at most 2,147,483,584,
// the server needs 2,147,483,647): the preflight refuses them before any server is forked, with the limits it found,
// the number needed and how to raise the limit.
def buildLog = new File(basedir, 'build.log').text
assert buildLog.contains('BUILD FAILURE')
assert buildLog.contains('Invalid allocator bench configuration: 2,147,483,391 connections need about 2,147,483,647 open files')
assert buildLog =~ /open-file limits found are: Maven JVM [0-9,]+ \([0-9,]+ open already\), forked server [0-9,]+/
// The limit to raise to counts the files already open in Maven, so only its order of magnitude is fixed.
assert buildLog =~ /ulimit -n 21474[0-9]{5} /
assert buildLog =~ /LimitNOFILE=21474[0-9]{5} /
assert buildLog =~ /docker run --ulimit nofile=(21474[0-9]{5}):\1 /

// No fork started: no server log, no "server pid" line, no results.
assert !buildLog.contains('server pid')
def logs = new File(basedir, 'target/allocator-bench/logs')
assert !logs.exists() || logs.listFiles().findAll { it.name.endsWith('.log') }.isEmpty()
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
