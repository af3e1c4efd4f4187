//! `make model`: rebuilds model/annotator.model from ../shared/data (deterministic).
//!
//! cargo run --release --bin train -- [--data DIR] [--out FILE] [--epochs N] [--no-conll]

use article_annotator::{corpus, evaluation, train};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut data = PathBuf::from("../shared/data");
    let mut out = PathBuf::from("model/annotator.model");
    let mut cfg = train::Config::default();
    let mut conll = true;
    let mut min_city_pop = 100_000u64;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| args.next().unwrap_or_else(|| die(&format!("{name} needs a value")));
        match a.as_str() {
            "--data" => data = val("--data").into(),
            "--out" => out = val("--out").into(),
            "--epochs" => cfg.epochs = val("--epochs").parse().unwrap_or_else(|_| die("--epochs: not a number")),
            "--min-count" => cfg.min_count = val("--min-count").parse().unwrap_or_else(|_| die("--min-count: not a number")),
            "--prune" => cfg.prune = val("--prune").parse().unwrap_or_else(|_| die("--prune: not a number")),
            "--no-conll" => conll = false,
            "--ensemble" => cfg.ensemble = val("--ensemble").parse().unwrap_or_else(|_| die("--ensemble: not a number")),
            "--margin" => cfg.margin = val("--margin").parse().unwrap_or_else(|_| die("--margin: not a number")),
            "--brown-common" => cfg.brown_common = val("--brown-common").parse().unwrap_or_else(|_| die("--brown-common: not a number")),
            "--min-city-pop" => min_city_pop = val("--min-city-pop").parse().unwrap_or_else(|_| die("--min-city-pop: not a number")),
            "--seed" => cfg.seed = val("--seed").parse().unwrap_or_else(|_| die("--seed: not a number")),
            "--brown" => cfg.brown = Some(val("--brown").into()),
            "--capitalised" => cfg.capitalised = Some(val("--capitalised").into()),
            "--brown-words" => cfg.brown_words = val("--brown-words").parse().unwrap_or_else(|_| die("--brown-words: not a number")),
            "--stacked" => cfg.stacked = true,
            "--no-crf" => cfg.crf = None,
            "--crf" => {
                // EPOCHS,ETA0,DECAY,L1[,adagrad]
                let spec = val("--crf");
                let adagrad = spec.ends_with(",adagrad");
                let v: Vec<f32> = spec.trim_end_matches(",adagrad").split(',').map(|x| x.parse().unwrap_or_else(|_| die("--crf: EPOCHS,ETA0,DECAY,L1[,adagrad]"))).collect();
                if v.len() != 4 {
                    die("--crf: EPOCHS,ETA0,DECAY,L1[,adagrad]");
                }
                cfg.crf = Some(train::CrfConfig { epochs: v[0] as usize, eta0: v[1], decay: v[2], l1: v[3], adagrad });
            }
            "--crf-mix" => cfg.crf_mixes = val("--crf-mix").split(',').map(|x| x.parse().unwrap_or_else(|_| die("--crf-mix: numbers separated by commas"))).collect(),
            "--crf-scale" => cfg.crf_scale = val("--crf-scale").parse().unwrap_or_else(|_| die("--crf-scale: not a number")),
            "--clusters" => cfg.clusters = val("--clusters").parse().unwrap_or_else(|_| die("--clusters: not a number")),
            "-h" | "--help" => {
                println!("train [--data DIR] [--out FILE] [--epochs N] [--min-count N] [--prune X] [--no-conll] [--stacked] [--clusters K] [--brown FILE] [--brown-words N] [--brown-common N] [--capitalised FILE] [--min-city-pop N] [--seed N] [--ensemble N] [--margin X] [--crf EPOCHS,ETA0,DECAY,L1[,adagrad]] [--crf-mix X[,X...]] [--crf-scale X] [--no-crf]\nTrains on DIR/ontonotes5/train.conll (+ DIR/conll2003/train.conll with partial labels), chooses the epoch on the dev sets, writes the model.\nBy default a CRF (10 epochs, AdaGrad 0.1, L1 0.5) and five averaged perceptrons are trained on the same features and their weights interpolated (--crf-mix: the CRF's shares to try, the best on dev is kept; 1: the CRF alone; --no-crf: the perceptrons alone).");
                return;
            }
            _ => die(&format!("unknown argument {a}")),
        }
    }
    let t0 = Instant::now();
    let path = |p: &str| data.join(p).to_string_lossy().into_owned();
    let load = |p: &str| corpus::read_conll(&path(p)).unwrap_or_else(|e| die(&format!("{}: {e}", path(p))));
    let onto_train = load("ontonotes5/train.conll");
    let onto_dev = load("ontonotes5/dev.conll");
    let (conll_train, conll_dev) = if conll { (load("conll2003/train.conll"), load("conll2003/dev.conll")) } else { (vec![], vec![]) };
    let gaz = train::build_gazetteer(&data.join("gazetteers"), min_city_pop).unwrap_or_else(|e| die(&e));
    eprintln!("loaded data in {:.1}s", t0.elapsed().as_secs_f64());
    let choose = |a: &article_annotator::Annotator, epoch: usize| {
        let r = evaluation::evaluate(a, &onto_dev);
        let mut s = ["PERSON", "PLACE", "NUMBER", "DATE"].iter().map(|l| r.f1(l)).sum::<f64>() / 4.0;
        eprintln!("epoch {epoch} OntoNotes dev:\n{}", r.table(true));
        if !conll_dev.is_empty() {
            let c = evaluation::evaluate(a, &conll_dev);
            eprintln!("epoch {epoch} CoNLL-2003 dev:\n{}", c.table(true));
            s = 0.8 * s + 0.2 * (c.f1("PERSON") + c.f1("PLACE")) / 2.0;
        }
        s
    };
    let trained = train::train(&onto_train, &conll_train, gaz, &cfg, choose, &mut |m| eprintln!("{m} [{:.0}s]", t0.elapsed().as_secs_f64()));
    let bytes = trained.to_bytes();
    if let Some(dir) = out.parent() {
        std::fs::create_dir_all(dir).ok();
    }
    std::fs::write(&out, &bytes).unwrap_or_else(|e| die(&format!("{}: {e}", out.display())));
    eprintln!("wrote {} ({} bytes): {} [{:.0}s]", out.display(), bytes.len(), trained.info, t0.elapsed().as_secs_f64());
}

fn die(msg: &str) -> ! {
    eprintln!("train: {msg}");
    std::process::exit(2)
}
