def log = new File(basedir, 'build.log').text
def baseline = new File(basedir, 'allocator-baseline.json')

assert log.contains("Cannot use the baseline ${baseline.absolutePath}: ")
assert log.contains('Record it again with mvn verify allocator:baseline, or set <baseline> (-Dallocbench.baseline) to another file.')
assert log.contains('BUILD FAILURE')
// The baseline is read before any server starts, so a broken file costs no bench time.
assert !log.contains('[system]')
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
