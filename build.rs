// Embeds model/annotator.model when it exists (it is committed; `make model` rebuilds it).
fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_model)");
    println!("cargo::rerun-if-changed=model/annotator.model");
    if std::path::Path::new("model/annotator.model").exists() {
        println!("cargo::rustc-cfg=has_model");
    }
}
