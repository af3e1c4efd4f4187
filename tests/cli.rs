//! The `annotate` command: JSON lines in and out, code-point offsets, errors per line.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annotate runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

#[test]
fn jsonl_code_point_offsets_and_ids() {
    let input = "{\"id\": 7, \"text\": \"😀 “Hi” said Angela Merkel in Berlin.\", \"other\": 1}\n{\"id\": \"b\", \"text\": \"\"}\n";
    let (code, out, err) = run(&["--jsonl"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 7);
    assert_eq!(lines[1]["id"], "b");
    assert_eq!(lines[1]["entities"].as_array().unwrap().len(), 0);
    let text: Vec<char> = "😀 “Hi” said Angela Merkel in Berlin.".chars().collect();
    let ents = lines[0]["entities"].as_array().unwrap();
    let berlin = ents.iter().find(|e| e["text"] == "Berlin").expect("Berlin found");
    let (s, e) = (berlin["start"].as_u64().unwrap() as usize, berlin["end"].as_u64().unwrap() as usize);
    assert_eq!(text[s..e].iter().collect::<String>(), "Berlin");
    assert_eq!(berlin["label"], "PLACE");
    for key in ["start", "end", "label", "kind", "text", "value", "unit", "score"] {
        assert!(berlin.get(key).is_some(), "key {key} present");
    }
}

#[test]
fn bad_lines_are_reported_and_others_processed() {
    let mut input = b"{\"id\":1,\"text\":\"Paris\"}\nnot json\n{\"id\":3}\n".to_vec();
    input.extend_from_slice(b"{\"id\":4,\"text\":\"caf\xff\"}\n{\"id\":5,\"text\":\"Rome\"}\n");
    let (code, out, err) = run(&["--jsonl"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("line 2: invalid JSON"), "{err}");
    assert!(err.contains("line 3: no \"text\""), "{err}");
    assert!(err.contains("line 4: invalid UTF-8"), "{err}");
    let ids: Vec<i64> = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![1, 5]);
}

#[test]
fn plain_text_is_printed_readably() {
    let (code, out, _) = run(&[], "The company paid $4.5 billion to Angela Merkel.".as_bytes());
    assert_eq!(code, 0);
    assert!(out.contains("NUMBER") && out.contains("money") && out.contains("USD"), "{out}");
    let (code, _, err) = run(&["--labels", "NOPE"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("unknown label"));
}
