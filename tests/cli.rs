//! The `annotate` command: JSON lines in and out, code-point offsets, errors per line.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &[u8]) -> (i32, String, String) {
    run_in(&std::env::current_dir().unwrap(), args, input)
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

fn run_in(dir: &std::path::Path, args: &[&str], input: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annotate"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("annotate runs");
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("annotate-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small RFC 4180 reader: records of fields; quoted fields may hold commas, quotes and newlines.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (vec![], vec![], String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "records end with CRLF"),
            (false, '\n') => panic!("bare LF ends a record"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(field.is_empty() && row.is_empty(), "the last record ends with CRLF");
    rows
}

#[test]
fn csv_has_a_header_code_point_offsets_and_rfc4180_quoting() {
    let input = concat!(
        "{\"id\": \"a,\\\"b\\\"\", \"text\": \"😀 Angela Merkel paid $4.5 billion in Berlin.\"}\n",
        "{\"id\": 2, \"text\": \"No entities here.\"}\n",
        "{\"text\": \"Rome\"}\n",
    );
    let (code, out, err) = run(&["--jsonl", "--format", "csv"], input.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("id,start,end,label,kind,text,value,unit,currency,score\r\n"), "{out}");
    assert!(out.contains("\"a,\"\"b\"\"\","), "an id with a comma and quotes is quoted: {out}");
    let rows = parse_csv(&out);
    assert!(rows.iter().all(|r| r.len() == 10), "{rows:?}");
    let text: Vec<char> = "😀 Angela Merkel paid $4.5 billion in Berlin.".chars().collect();
    let berlin = rows.iter().find(|r| r[5] == "Berlin").expect("a Berlin row");
    assert_eq!(berlin[0], "a,\"b\"");
    assert_eq!(berlin[3], "PLACE");
    let (s, e): (usize, usize) = (berlin[1].parse().unwrap(), berlin[2].parse().unwrap());
    assert_eq!(text[s..e].iter().collect::<String>(), "Berlin", "code-point offsets");
    let money = rows.iter().find(|r| r[4] == "money").expect("a money row");
    assert_eq!((money[5].as_str(), money[6].as_str(), money[7].as_str(), money[8].as_str()), ("$4.5 billion", "4500000000", "", "USD"));
    let score: f64 = money[9].parse().unwrap();
    assert!((0.0..=1.0).contains(&score));
    assert!(rows.iter().all(|r| r[0] != "2"), "a document without entities has no row");
    assert!(rows.iter().any(|r| r[0].is_empty() && r[5] == "Rome"), "no id: empty id cell");
}

#[test]
fn html_is_standalone_escaped_and_highlighted() {
    // ("Merkel & Macron" would read as a firm's name, like "Procter & Gamble": the "&" goes elsewhere.)
    let text = "<script>alert('x')</script> Angela Merkel and Emmanuel Macron met in \"Paris\" & Rome on 4 July 2019.\nIt cost $4.5 billion.";
    let line = serde_json::json!({ "id": "<b>doc</b>", "text": text }).to_string() + "\n";
    let (code, out, err) = run(&["--jsonl", "--format", "html"], line.as_bytes());
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{out}");
    assert!(out.trim_end().ends_with("</html>"));
    assert_eq!(out.matches("<script").count(), 0, "user text never becomes markup: {out}");
    assert!(out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{out}");
    assert!(out.contains("<h2>&lt;b&gt;doc&lt;/b&gt;</h2>"), "the id is escaped too: {out}");
    assert!(out.contains(" &amp; ") && out.contains("&quot;"), "{out}");
    for (label, colour, entity) in [("PERSON", "#aa9cfc", "Angela Merkel"), ("PLACE", "#feca74", "Paris"), ("NUMBER", "#e4e7d2", "$4.5 billion"), ("DATE", "#bfe1d9", "4 July 2019")] {
        let mark = format!("style=\"background: {colour}\">{entity}<span class=\"label\">{label}</span></mark>");
        assert!(out.contains(&mark), "{entity} is marked as {label}: {out}");
        assert!(out.contains(&format!("<mark class=\"entity\" data-label=\"{label}\"")), "{out}");
    }
    for external in ["src=", "href=", "<link", "@import", "url(", "http:", "https:"] {
        assert!(!out.contains(external), "no external resource ({external})");
    }
    // Without the marks and chips, the escaped document text is the input again.
    let body = &out[out.find("<div class=\"entities\">").unwrap() + 22..out.find("</div>").unwrap()];
    let mut plain = String::new();
    let mut rest = body;
    while let Some(i) = rest.find('<') {
        plain.push_str(&rest[..i]);
        let j = rest[i..].find('>').unwrap();
        if rest[i..].starts_with("<span class=\"label\">") {
            rest = &rest[i + rest[i..].find("</span>").unwrap() + 7..];
        } else {
            rest = &rest[i + j + 1..];
        }
    }
    plain.push_str(rest);
    let unescaped = plain.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
    assert_eq!(unescaped, text);
}

#[test]
fn plain_files_are_one_document_each() {
    let dir = temp_dir("files");
    std::fs::write(dir.join("one.txt"), "Angela Merkel visited Paris.").unwrap();
    std::fs::write(dir.join("two.txt"), "It rained in Rome on Tuesday.").unwrap();
    let (code, out, err) = run_in(&dir, &["one.txt", "two.txt", "missing.txt"], b"");
    assert_eq!(code, 1, "a missing file fails the run");
    assert!(err.contains("missing.txt"), "{err}");
    assert!(out.starts_with("== one.txt\n") && out.contains("== two.txt\n") && out.contains("\"Rome\""), "{out}");
    let (code, out, err) = run_in(&dir, &["--format", "jsonl", "one.txt", "two.txt"], b"");
    assert_eq!(code, 0, "{err}");
    let ids: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].clone()).collect();
    assert_eq!(ids, vec![serde_json::json!("one.txt"), serde_json::json!("two.txt")]);
    let (code, out, _) = run_in(&dir, &["--format=csv", "two.txt"], b"");
    assert_eq!(code, 0);
    assert!(out.lines().any(|l| l.starts_with("two.txt,13,17,PLACE,")), "{out}");
    let (code, _, err) = run(&["--format", "xml"], b"");
    assert_eq!(code, 2);
    assert!(err.contains("unknown format"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parallel_batches_keep_the_input_order() {
    let mut input = String::new();
    for i in 0..500 {
        if i == 250 {
            input.push_str("not json\n");
        }
        input += &serde_json::json!({ "id": i, "text": format!("Document {i}: Angela Merkel paid ${} million to a school in Paris.", i + 1) }).to_string();
        input.push('\n');
    }
    let (code, out, err) = run(&["--jsonl", "--threads", "4"], input.as_bytes());
    assert_eq!(code, 1, "the bad line fails the run");
    assert!(err.contains("line 251: invalid JSON"), "errors name the right line: {err}");
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 500);
    for (i, l) in lines.iter().enumerate() {
        assert_eq!(l["id"], i, "output in input order");
        let money = format!("${} million", i + 1);
        assert!(l["entities"].as_array().unwrap().iter().any(|e| e["text"] == money.as_str()), "line {i} has its own entities: {l}");
    }
    let (code1, out1, _) = run(&["--jsonl", "--threads", "1"], input.as_bytes());
    assert_eq!((code1, out1), (1, out.clone()), "one thread gives the same output");
    let (_, csv4, _) = run(&["--jsonl", "--format", "csv", "--threads", "4"], input.as_bytes());
    let (_, csv1, _) = run(&["--jsonl", "--format", "csv", "--threads", "1"], input.as_bytes());
    assert_eq!(csv4, csv1);
}

#[test]
fn help_explains_formats_and_threads() {
    let (code, out, _) = run(&["--help"], b"");
    assert_eq!(code, 0);
    for word in ["--format text", "--format jsonl", "--format csv", "--format html", "--threads", "--jsonl", "code points", "RFC 4180", "Exit status"] {
        assert!(out.contains(word), "--help mentions {word}");
    }
}

/// The command lines in README.md's "Command line" section run as documented.
#[test]
fn readme_examples_run() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = &readme[readme.find("## Command line").expect("a Command line section")..];
    let block = &section[section.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```").unwrap()];
    let commands: Vec<&str> = block.lines().map(|l| l.split(" #").next().unwrap().trim()).filter(|l| l.starts_with("annotate ")).collect();
    assert!(commands.len() >= 4, "{block}");
    let dir = temp_dir("readme");
    std::fs::write(dir.join("article.txt"), "Angela Merkel paid $4.5 billion in Paris on 4 July 2019.").unwrap();
    std::fs::write(dir.join("other.txt"), "It rained in Rome on Tuesday.").unwrap();
    std::fs::write(dir.join("docs.jsonl"), "{\"id\": 1, \"text\": \"Angela Merkel visited Paris.\"}\n{\"id\": 2, \"text\": \"It rained in Rome.\"}\n").unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_annotate")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    for cmd in commands {
        let out = Command::new("sh").arg("-c").arg(cmd).current_dir(&dir).env("PATH", &path).output().unwrap();
        assert!(out.status.success(), "README example `{cmd}` failed: {}", String::from_utf8_lossy(&out.stderr));
        let written = cmd.split("> ").nth(1).map(|f| std::fs::read_to_string(dir.join(f.trim())).unwrap());
        let text = written.unwrap_or_else(|| String::from_utf8(out.stdout).unwrap());
        assert!(text.contains("Paris") || text.contains("Rome"), "`{cmd}` printed entities: {text}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_over_long_line_is_reported_and_skipped() {
    let mut input = b"{\"id\":1,\"text\":\"Paris\"}\n{\"id\":2,\"text\":\"".to_vec();
    input.extend(std::iter::repeat_n(b'a', 5000));
    input.extend_from_slice(b"\"}\n{\"id\":3,\"text\":\"Rome\"}\n");
    let (code, out, err) = run(&["--jsonl", "--max-line-bytes", "1000"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("line 2:") && err.contains("over the limit of 1000 bytes"), "{err}");
    let ids: Vec<i64> = out.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![1, 3]);
}

#[test]
fn a_100_mb_line_gets_a_clear_error_with_the_default_limit() {
    let mut input = b"{\"id\":1,\"text\":\"".to_vec();
    input.resize(100 << 20, b'x');
    input.extend_from_slice(b"\"}\n{\"id\":2,\"text\":\"Berlin\"}\n");
    let (code, out, err) = run(&["--jsonl"], &input);
    assert_eq!(code, 1);
    assert!(err.contains("line 1:") && err.contains("over the limit"), "{err}");
    assert!(out.contains("\"id\":2"), "{out}");
}
