def text = new File(basedir, 'build.log').text
assert text.contains("Invalid allocator bench configuration: Allocator 'mine': <library> /nonexistent/lib/libmine.so " +
        "does not exist or is not a file. Fix <library> of this allocator, install the library there, or leave 'mine' " +
        "out of <allocators> and <customAllocators>.")
assert text.contains('BUILD FAILURE')
assert !text.contains('server pid')
assert !new File(basedir, 'target/allocator-bench/results.json').exists()
return true
