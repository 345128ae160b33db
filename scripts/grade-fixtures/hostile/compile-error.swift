// expect: compile_error
let attempts: Int = "three"
