// build.log holds both invocations one after the other.
def text = new File(basedir, 'build.log').text
def allowed = "may only use letters a-z and A-Z, digits 0-9, '.', '_' and '-', starting with a letter or digit, " +
        "at most 64 characters"
assert text.contains("Allocator name '../../../../pwned' is not allowed: names become file names, so they " + allowed)
assert text.contains("Allocator name '../x' is not allowed")
assert !text.contains('server pid')
// Nothing was written anywhere: not in the output directory, not where the name pointed.
assert !new File(basedir, 'target/allocator-bench').exists()
def pwned = basedir.toPath().resolve('target/allocator-bench/logs/../../../../pwned-1.log').normalize().toFile()
assert !pwned.exists() : "${pwned} was written"
assert !new File(basedir.parentFile, 'pwned-1.log').exists()
return true
