//! Rebuild when a UI file or an example article is added, changed or
//! removed: rust-embed reads those folders at compile time.

fn main() {
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=../../examples/articles");
}
