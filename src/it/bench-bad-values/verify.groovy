// build.log holds the four invocations one after the other.
def text = new File(basedir, 'build.log').text
assert text.contains("duration is 'ten', which is not a duration. Write a number and a unit: 500ms, 10s, 2m or 1h.")
assert text.contains('connections is 0, but at least 1 connection is needed.')
assert text.contains('sampleInterval is 10ms, below the minimum of 50ms.')
assert text.contains("Unknown allocator 'jemaloc'. Known allocators: ")
assert text.contains('<customAllocators><allocator><name>jemaloc</name>')
assert !text.contains('server pid')
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
