def log = new File(basedir, 'build.log').text
assert log.contains('Skipping the allocator bench because allocbench.skip is true.')
assert !new File(basedir, 'target/allocator-bench').exists()
assert !log.contains('[system]')
return true
