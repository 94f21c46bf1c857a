// mvn site on a project whose bench never ran: the site is built without the bench's page, and the log names the
// missing results file and how to make it.
def log = new File(basedir, 'build.log').text
def missing = new File(basedir, 'target/allocator-bench/results.json')

assert !missing.exists()
assert log.contains("[INFO] Skipping the allocator site report: ${missing.absolutePath} does not exist. Run the "
        + 'bench first (mvn verify site, or mvn verify before mvn site); the report never runs it.')
assert !new File(basedir, 'target/site/allocator-bench.html').exists()
assert !log.contains('Benching ')
assert log.contains('BUILD SUCCESS')
return true
