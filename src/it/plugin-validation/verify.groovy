// Maven 3.9 and 4 print "Plugin [...] validation issues were detected in following plugin(s)" followed by each
// plugin and its issues; Maven 3.8 validates nothing. build.log holds both invocations one after the other.
def log = new File(basedir, 'build.log').text
assert log.contains('Skipping the allocator bench because allocbench.skip is true.')
assert log.contains('allocator:help')
def report = log.readLines().dropWhile { !(it =~ /(?i)validation issues/) }.findAll { it.startsWith('[WARNING]') }
def named = report.findAll { it.contains('allocator-maven-plugin') }
assert named.isEmpty() : "Maven reports plugin validation issues for this plugin:\n${report.join('\n')}"
assert !log.contains('BUILD FAILURE')
return true
