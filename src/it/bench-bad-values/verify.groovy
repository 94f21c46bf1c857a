// build.log holds the seven invocations one after the other.
def text = new File(basedir, 'build.log').text
assert text.contains("duration is 'ten', which is not a duration. Write a number and a unit: 500ms, 10s, 2m or 1h.")
assert text.contains('connections is 0, but at least 1 connection is needed.')
assert text.contains('sampleInterval is 10ms, below the minimum of 50ms.')
assert text.contains("Unknown allocator 'jemaloc'. Known allocators: ")
assert text.contains('<customAllocators><allocator><name>jemaloc</name>')
assert text.contains("serverCpus is '0-x', which is not a CPU list ('0-x' is neither a CPU number nor a range). Write "
        + 'CPU numbers and ranges separated by commas, as taskset -c takes them: 0-1 or 0,2,4-5.')
assert text.contains('serverCpus (0) and generatorCpus (0) share CPU 0, so the load generator could take CPU time from '
        + 'the server, which pinning is there to prevent. Give them disjoint lists, e.g. serverCpus 0-1 and '
        + 'generatorCpus 2-3, or leave generatorCpus empty.')
assert text.contains('generatorCpus is 8191, but CPU 8191 is not among the CPUs this build may run on (')
assert text.contains('Set <generatorCpus> (or -Dallocbench.generatorCpus) to CPUs within ')
assert !text.contains('server pid')
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
