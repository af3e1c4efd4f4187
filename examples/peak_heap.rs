//! Peak heap of one `annotate` call, natively (a counting allocator), and where it goes.
//!   cargo run --release --example peak_heap -- bench/out/texts/w100k.txt
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        let n = NOW.fetch_add(l.size(), Relaxed) + l.size();
        PEAK.fetch_max(n, Relaxed);
        unsafe { System.alloc(l) }
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        NOW.fetch_sub(l.size(), Relaxed);
        unsafe { System.dealloc(p, l) }
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new: usize) -> *mut u8 {
        if new > l.size() {
            let n = NOW.fetch_add(new - l.size(), Relaxed) + new - l.size();
            PEAK.fetch_max(n + l.size(), Relaxed); // old and new block both live while copying
        } else {
            NOW.fetch_sub(l.size() - new, Relaxed);
        }
        unsafe { System.realloc(p, l, new) }
    }
}
#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> String {
    format!("{:.2} MB", n as f64 / 1e6)
}

fn main() {
    let path = std::env::args().nth(1).expect("a text file");
    let text = std::fs::read_to_string(&path).unwrap();
    let ann = article_annotator::Annotator::embedded().unwrap();
    let base = NOW.load(Relaxed);
    println!("text {} bytes; loaded model and text: {}", text.len(), mb(base));
    let phase = |name: &str, f: &mut dyn FnMut() -> usize| {
        let before = NOW.load(Relaxed);
        PEAK.store(before, Relaxed);
        let kept = f();
        println!("{name:28} peak +{} over its start, result {}", mb(PEAK.load(Relaxed) - before), mb(kept));
    };
    phase("tokenize", &mut || { let t = article_annotator::tokens::tokenize(&text); t.len() * std::mem::size_of::<article_annotator::tokens::Token>() });
    phase("tag", &mut || { let s = ann.tag(&text); s.len() * std::mem::size_of_val(&s[0]) });
    phase("annotate", &mut || { let e = ann.annotate(&text, &Default::default()); e.len() * std::mem::size_of_val(&e[0]) });
}
