//! Text → tokens with byte offsets, split into sentences.
//!
//! The rules follow the Penn Treebank conventions that OntoNotes uses, so that what the tagger
//! sees at run time looks like what it was trained on: punctuation and quotes are split off,
//! clitics (`'s`, `n't`) become tokens, currency symbols and `%` are separated from amounts,
//! hyphens become their own tokens, abbreviations (`U.S.`, `Mr.`) keep their period. Scraped text
//! that glued a number to a word (`5,200to`) is split so the number can be found on its own.

/// A token: byte offsets into the text it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// True when a line break lies between this token and the one before it.
    pub after_newline: bool,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Sentence: a range of token indices.
pub type Sentence = std::ops::Range<usize>;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr",
    "adm", "gov", "sen", "rep", "rev", "hon", "pres", "inc", "corp", "ltd", "co", "bros", "vs",
    "etc", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "mt", "ft", "ave", "blvd", "rd", "univ", "dept", "est", "approx", "fig", "vol",
    "op", "cf", "al", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "mass", "calif", "fla",
    "ill", "ariz", "colo", "conn", "del", "ga", "ind", "kan", "ky", "la", "md", "mich", "minn",
    "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex", "va", "vt", "wash",
    "wis", "wyo", "messrs", "mmes", "msgr", "supt", "atty", "rs",
];

const CURRENCY_PREFIXES: &[&str] = &[
    "US$", "A$", "AU$", "C$", "CA$", "HK$", "NT$", "S$", "NZ$", "R$", "$", "€", "£", "¥", "₹", "₩", "₽",
];

const GLUE_WORDS: &[&str] = &[
    "by", "in", "of", "to", "the", "and", "at", "from", "for", "with", "on", "as", "said",
];

const NUMBER_WORD_PREFIXES: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "thousand",
];
const GLUED_NOUNS: &[&str] = &[
    "days", "day", "weeks", "week", "months", "month", "years", "year", "hours", "hour",
    "minutes", "people", "times", "percent", "million", "billion", "dollars", "miles", "men",
    "women", "children",
];

fn is_open_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[' | '{' | '„' | '‚' | '¿' | '¡' | '`')
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}' | ',' | ';' | ':' | '!' | '?' | '…'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '−' | '―')
}

/// Split text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut newline = false;
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || c.is_control() || is_invisible(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, newline, &mut out);
                newline = false;
            }
            if c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' {
                newline = true;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), newline, &mut out);
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}' | '\u{2060}')
}

/// Split one whitespace-free chunk `text[s..e]` into tokens.
fn split_chunk(text: &str, mut s: usize, mut e: usize, newline: bool, out: &mut Vec<Token>) {
    let first = out.len();
    // A clitic standing alone (already split off, as in treebank-style text): one token.
    if is_clitic(&text[s..e]) {
        out.push(Token { start: s, end: e, after_newline: newline });
        return;
    }
    let mut tail: Vec<Token> = Vec::new();
    // Leading opening punctuation, one character at a time.
    while s < e {
        let c = text[s..e].chars().next().unwrap();
        if is_open_punct(c) || (is_dash(c) && s + c.len_utf8() < e && !next_is_digit(text, s + c.len_utf8(), e)) {
            push(out, s, s + c.len_utf8());
            s += c.len_utf8();
        } else {
            break;
        }
    }
    // Trailing closing punctuation (and a final period unless it ends an abbreviation).
    while e > s {
        let c = text[s..e].chars().next_back().unwrap();
        let cl = c.len_utf8();
        if is_close_punct(c) || is_dash(c) {
            // keep an apostrophe that is part of a plural possessive (handled below as clitic)
            if (c == '\'' || c == '’') && e - cl > s {
                let prev = text[s..e - cl].chars().next_back().unwrap();
                if prev == 's' || prev == 'S' {
                    tail.push(Token { start: e - cl, end: e, after_newline: false });
                    e -= cl;
                    continue;
                }
            }
            tail.push(Token { start: e - cl, end: e, after_newline: false });
            e -= cl;
        } else if c == '.' {
            let word = &text[s..e - 1];
            if keeps_period(word) {
                break;
            }
            tail.push(Token { start: e - 1, end: e, after_newline: false });
            e -= 1;
        } else {
            break;
        }
    }
    if s < e {
        split_core(text, s, e, out);
    }
    out.extend(tail.into_iter().rev());
    if let Some(t) = out.get_mut(first) {
        t.after_newline = newline;
    }
}

/// The currency sign or prefix that `text[s..e]` starts with, right before a digit ("$1.25", "US$5").
fn currency_prefix(text: &str, s: usize, e: usize) -> Option<&'static str> {
    let w = &text.as_bytes()[s..e];
    // Most words start with no prefix's first byte: one comparison each, not one per prefix.
    if !w.first().is_some_and(|b| CURRENCY_PREFIXES.iter().any(|p| p.as_bytes()[0] == *b)) {
        return None;
    }
    CURRENCY_PREFIXES.iter().copied().find(|p| w.len() > p.len() && w.starts_with(p.as_bytes()) && next_is_digit(text, s + p.len(), e))
}

fn is_clitic(w: &str) -> bool {
    // The longest clitic, "n’t", is 5 bytes: longer words need no lower-casing to rule out.
    if w.len() > 5 {
        return false;
    }
    // Without allocating: the apostrophe (straight or curly) and the ASCII letters after it.
    let (n, rest) = match w.strip_suffix(['t', 'T']).and_then(|r| r.strip_suffix(['\'', '’'])) {
        Some(r) if r.eq_ignore_ascii_case("n") => return true,
        _ => match w.strip_prefix(['\'', '’']) {
            Some(rest) => (true, rest),
            None => (false, ""),
        },
    };
    n && ["s", "re", "ve", "ll", "d", "m"].iter().any(|c| rest.eq_ignore_ascii_case(c))
}

fn next_is_digit(text: &str, i: usize, e: usize) -> bool {
    text[i..e].chars().next().is_some_and(|c| c.is_ascii_digit() || c == '.')
}

fn push(out: &mut Vec<Token>, start: usize, end: usize) {
    if start < end {
        out.push(Token { start, end, after_newline: false });
    }
}

/// Does `word` (without its final '.') keep the period? Abbreviations, initials and dotted acronyms.
fn keeps_period(word: &str) -> bool {
    // Only the last piece counts where hyphens will split the word: "D-N.Y." ("(D-N.Y.)", a
    // senator's party and state) ends with the abbreviation "N.Y.".
    let word = word.rsplit(is_dash).next().unwrap_or(word);
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    let c0 = chars.next().unwrap();
    if chars.next().is_none() {
        return c0.is_alphabetic(); // "J." initials
    }
    if word.contains('.') && word.split('.').all(|p| p.chars().count() <= 3 && p.chars().all(char::is_alphabetic)) {
        return true; // U.S, e.g, Ph.D
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Split the core of a chunk (no leading/trailing punctuation) into tokens. Loops rather than
/// recursion all the way down: a 600 KB chain of hyphens or of "'s" is hostile input too, and
/// must neither overflow the stack nor take quadratic time.
fn split_core(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    let mut s = s;
    loop {
        let w = &text[s..e];
        // Currency prefix: "$1.25", "US$5", "€40m".
        if let Some(p) = currency_prefix(text, s, e) {
            push(out, s, s + p.len());
            s += p.len();
            continue;
        }
        // Internal hyphens/dashes become tokens ("twenty-three" → twenty - three), except inside a
        // number range that starts with a digit and has only digits ("2003-11" stays split too, as
        // OntoNotes does: 2003 - 11). The piece before the dash has no other dash after its first
        // character; the rest goes round the loop again.
        if let Some((i, c)) = w.char_indices().skip(1).find(|&(_, c)| is_dash(c)) {
            let at = s + i;
            split_piece(text, s, at, out);
            push(out, at, at + c.len_utf8());
            s = at + c.len_utf8();
            if s < e {
                continue;
            }
            return;
        }
        return split_piece(text, s, e, out);
    }
}

/// A piece of a chunk without internal dashes: currency prefixes, then clitics and trailing
/// symbols peeled off its end, then the core.
fn split_piece(text: &str, mut s: usize, e: usize, out: &mut Vec<Token>) {
    while let Some(p) = currency_prefix(text, s, e) {
        push(out, s, s + p.len());
        s += p.len();
    }
    // Clitics: n't, 's, 're, 've, 'll, 'd, 'm (straight or curly apostrophe); a percent sign and
    // a trailing currency symbol: "12%", "2,500$". Peeled off the end one at a time.
    // Most words have neither an apostrophe nor a symbol to peel.
    if !text[s..e].contains(['\'', '’', '%', '$', '€', '£']) {
        return split_rest(text, s, e, out);
    }
    let mut suffixes = vec![];
    let mut e = e;
    'peel: loop {
        let w = &text[s..e];
        // The word's last four characters, lower-cased (not the whole word, every time round).
        let tail_start = w.char_indices().rev().nth(3).map_or(0, |(i, _)| i);
        let lower = w[tail_start..].to_lowercase();
        for cl in ["n't", "n’t"] {
            if w.len() > cl.len() && lower.ends_with(cl) {
                let at = e - cl.len();
                push(out, s, at);
                push(out, at, e);
                break 'peel;
            }
        }
        for cl in ["'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m", "%", "$", "€", "£"] {
            if w.len() > cl.len() && lower.ends_with(cl) {
                suffixes.push((e - cl.len(), e));
                e -= cl.len();
                continue 'peel;
            }
        }
        split_rest(text, s, e, out);
        break;
    }
    // Peeled from the end: the last one peeled comes first.
    for &(a, b) in suffixes.iter().rev() {
        push(out, a, b);
    }
}

/// The core of a piece, after its prefixes and suffixes.
fn split_rest(text: &str, s: usize, e: usize, out: &mut Vec<Token>) {
    if s >= e {
        return;
    }
    let w = &text[s..e];
    // A degree sign glued to its (signed) number: "-5°C", "30℉".
    if let Some(at) = w.find(['°', '℃', '℉']) {
        let num = w[..at].trim_start_matches(['-', '+', '−']);
        if !num.is_empty() && num.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') && num.as_bytes()[0].is_ascii_digit() {
            push(out, s, s + at);
            push(out, s + at, e);
            return;
        }
    }
    // A number glued to a following word: "5,200to", "4.5bn", "5km" (but "21st", "1990s", "3D").
    let bytes = w.as_bytes();
    if bytes[0].is_ascii_digit() {
        let mut i = 0;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || ((bytes[i] == b',' || bytes[i] == b'.') && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit())) {
            i += 1;
        }
        if i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            let rest = &w[i..];
            let rl = rest.to_ascii_lowercase();
            let suffix_ok = matches!(rl.as_str(), "st" | "nd" | "rd" | "th" | "s" | "d")
                || (rest.len() == 1 && rest.as_bytes()[0].is_ascii_uppercase() && !matches!(rest, "K" | "M" | "B" | "T"));
            if !suffix_ok && rest.bytes().all(|b| b.is_ascii_alphabetic()) {
                push(out, s, s + i);
                push(out, s + i, e);
                return;
            }
        }
    }
    // A function word glued to a capitalised word by a bad scrape: "byC.B.", "inLondon".
    if let Some(i) = w.char_indices().find(|&(_, c)| c.is_uppercase()).map(|(i, _)| i) {
        if i > 0 && GLUE_WORDS.contains(&&w[..i]) && w.len() > i + 1 {
            push(out, s, s + i);
            push(out, s + i, e);
            return;
        }
    }
    // A number word glued to a noun: "fivedays".
    if let Some(p) = glued_number_word(w) {
        push(out, s, s + p);
        push(out, s + p, e);
        return;
    }
    push(out, s, e);
}

/// The length of the number word a noun is glued to ("fivedays": 4), if any.
fn glued_number_word(w: &str) -> Option<usize> {
    // The shortest is "oneday"; every prefix starts with one of these letters.
    if w.len() < 6 || !matches!(w.as_bytes()[0], b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'h') || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    NUMBER_WORD_PREFIXES.iter().find(|p| w.strip_prefix(**p).is_some_and(|rest| GLUED_NOUNS.contains(&rest))).map(|p| p.len())
}

/// Whether `tokenize(w)` is the one token `w`: a word of letters only, no capital after its first
/// letter ("inLondon" splits) and no number word glued to a noun ("fivedays"). A fast path for
/// callers that tokenize single words.
pub fn is_plain_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_alphabetic) && cs.all(|c| c.is_alphabetic() && !c.is_uppercase()) && glued_number_word(w).is_none()
}

/// Split tokens into sentences: after `.`, `!`, `?` (optionally followed by closing quotes) when
/// the next token starts a new sentence, at blank lines, and at a single line break that follows
/// a short line (a headline) or sentence-final punctuation — except where the short line ends in
/// one capitalised word after a lower-case one (or alone, or after "By") and the next line opens
/// with a capitalised word: a name the line break split ("Reported by Harry⏎Smith in London") —
/// and at any single line break before a line much longer than the one it ends (not wrapped text:
/// a long headline before its paragraph).
pub fn sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..toks.len() {
        let prev = toks[i - 1].text(text);
        let cur = &toks[i];
        let gap = &text[toks[i - 1].end..cur.start];
        let mut boundary = false;
        if cur.after_newline {
            let blank = gap.matches('\n').count() >= 2 || gap.contains("\r\n\r\n") || gap.matches('\r').count() >= 2;
            let line_len = text[..toks[i - 1].end].rsplit('\n').next().map_or(0, |l| l.chars().count());
            // A line break before a much longer line (over 100 characters, 1.3 times this one):
            // the text is not wrapped there, so this line was a headline or a line of its own
            // ("… warning issued for Ishikawa⏎Residents of Wajima …" ran into one name).
            let next_len = text[cur.start..].split('\n').next().map_or(0, |l| l.chars().count());
            let unwrapped = next_len > 100 && next_len * 10 > line_len * 13;
            boundary = blank || is_terminal(prev) || unwrapped || (line_len < 60 && !name_split(text, toks, i));
        } else if is_terminal(prev) || (is_closing_quote(prev) && i >= 2 && start != i - 1 && is_terminal(toks[i - 2].text(text))) {
            let c = cur.text(text).chars().next().unwrap_or(' ');
            boundary = if c == '"' || c == '\'' {
                // A straight quote after a full stop opens the next sentence only if a capital follows.
                toks.get(i + 1).is_some_and(|n| n.text(text).chars().next().is_some_and(char::is_uppercase))
            } else {
                c.is_uppercase() || c.is_ascii_digit() || is_open_punct(c)
            };
        }
        if boundary {
            out.push(start..i);
            start = i;
        }
    }
    if start < toks.len() {
        out.push(start..toks.len());
    }
    out
}

/// Does the single line break before token `i` split a name? The token before it is a capitalised
/// word that ends its line after a lower-case word, a byline's "By" or nothing, and token `i` is
/// a capitalised word. (Lines of capitalised words, as in a list of names, stay apart.)
fn name_split(text: &str, toks: &[Token], i: usize) -> bool {
    let titlecase = |t: &Token| is_capitalised_word(t.text(text));
    let prev = &toks[i - 1];
    if !titlecase(prev) || !titlecase(&toks[i]) {
        return false;
    }
    if prev.after_newline || i == 1 {
        return true;
    }
    let before = toks[i - 2].text(text);
    before.chars().next().is_some_and(char::is_lowercase) || matches!(before, "By" | "BY")
}

/// A capitalised word as names are written: a capital, then letters (at least one lower-case),
/// apostrophes or hyphens ("Harry", "McDonald", "O'Neill"; not "UK", "A" or "5G").
pub fn is_capitalised_word(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase) && cs.all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-'))
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…" | "?!" | "!?")
}
fn is_closing_quote(t: &str) -> bool {
    matches!(t, "\"" | "”" | "'" | "’" | ")")
}

#[cfg(test)]
mod tests {
    #[test]
    fn clitics_are_recognised_without_lower_casing() {
        let old = |w: &str| w.len() <= 5 && matches!(w.to_lowercase().replace('’', "'").as_str(), "'s" | "'re" | "'ve" | "'ll" | "'d" | "'m" | "n't");
        let alphabet = ['\'', '’', 'n', 'N', 't', 'T', 's', 'S', 'r', 'R', 'e', 'v', 'l', 'L', 'd', 'm', 'M', 'x', 'K'];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words.iter().flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}"))).collect();
            words.extend(longer);
            words.dedup();
        }
        for w in &words {
            assert_eq!(is_clitic(w), old(w), "{w:?}");
        }
    }

    use super::*;

    #[test]
    fn long_chains_split_in_loops() {
        let text = "'s".repeat(100_000);
        let toks = tokenize(&text);
        // Every character is in exactly one token, in order.
        assert_eq!(toks.iter().map(|t| t.end - t.start).sum::<usize>(), text.len());
        assert!(toks.len() >= 100_000 && toks.windows(2).all(|w| w[0].end <= w[1].start));
        let text = "rock-'n'-roll's 12%% don't's".to_string();
        let words: Vec<&str> = tokenize(&text).iter().map(|t| t.text(&text)).collect();
        assert_eq!(words, ["rock", "-", "'n'", "-", "roll", "'s", "12", "%", "%", "do", "n't", "'s"]);
    }

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn ptb_like_splits() {
        assert_eq!(toks("Mr. Smith's car, in the U.S., isn't \"new\"."),
            vec!["Mr.", "Smith", "'s", "car", ",", "in", "the", "U.S.", ",", "is", "n't", "\"", "new", "\"", "."]);
        assert_eq!(toks("$1.25 trillion (12%) of €40m"), vec!["$", "1.25", "trillion", "(", "12", "%", ")", "of", "€", "40", "m"]);
        assert_eq!(toks("twenty-three 2003-11 US$5"), vec!["twenty", "-", "three", "2003", "-", "11", "US$", "5"]);
        assert_eq!(toks("the 21st in the 1990s"), vec!["the", "21st", "in", "the", "1990s"]);
        assert_eq!(toks("Ting 's car does n't"), vec!["Ting", "'s", "car", "does", "n't"]);
        // A party and state after a senator's name: the state keeps its abbreviation's period.
        assert_eq!(toks("Schumer (D-N.Y.) said."), vec!["Schumer", "(", "D", "-", "N.Y.", ")", "said", "."]);
        assert_eq!(toks("a self-. A know-it-all."), vec!["a", "self", "-", ".", "A", "know", "-", "it", "-", "all", "."]);
    }

    #[test]
    fn glued_scrapes() {
        assert_eq!(toks("5,200to go"), vec!["5,200", "to", "go"]);
        assert_eq!(toks("-5°C, 30℉"), vec!["-5", "°C", ",", "30", "℉"]);
        assert_eq!(toks("written byC.B. Jones"), vec!["written", "by", "C.B.", "Jones"]);
        assert_eq!(toks("fivedays later"), vec!["five", "days", "later"]);
        assert_eq!(toks("4.5bn and 25km"), vec!["4.5", "bn", "and", "25", "km"]);
        assert_eq!(toks("RusskiiTroll54 F-16"), vec!["RusskiiTroll54", "F", "-", "16"]);
    }

    #[test]
    fn curly_quotes_and_possessives() {
        assert_eq!(toks("“Harry Smith’s” dogs’ bowls"), vec!["“", "Harry", "Smith", "’s", "”", "dogs", "’", "bowls"]);
    }

    #[test]
    fn offsets_are_exact_with_emoji() {
        let s = "😀 Zürich — 5 km\r\nNext";
        for t in tokenize(s) {
            assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end);
        }
        assert_eq!(toks(s), vec!["😀", "Zürich", "—", "5", "km", "Next"]);
    }

    #[test]
    fn sentence_split() {
        let s = "He met Mr. Smith in the U.S. on Monday. They left! \"Why?\" she asked.\n\nHEADLINE HERE\nBody text.";
        let t = tokenize(s);
        let sents: Vec<String> = sentences(s, &t).into_iter().map(|r| t[r].iter().map(|x| x.text(s)).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(sents, vec![
            "He met Mr. Smith in the U.S. on Monday .",
            "They left !",
            "\" Why ? \" she asked .",
            "HEADLINE HERE",
            "Body text .",
        ]);
    }

    #[test]
    fn a_name_split_by_a_line_break_stays_in_one_sentence() {
        let split = |s: &str| {
            let t = tokenize(s);
            sentences(s, &t).into_iter().map(|r| t[r].iter().map(|x| x.text(s)).collect::<Vec<_>>().join(" ")).collect::<Vec<_>>()
        };
        assert_eq!(split("Reported by\nHarry\nSmith in London."), vec!["Reported by", "Harry Smith in London ."]);
        assert_eq!(split("By Harry\nSmith\nLONDON (Reuters) - Talks"), vec!["By Harry Smith", "LONDON ( Reuters ) - Talks"]);
        assert_eq!(split("The minister met Harry\nSmith on Tuesday."), vec!["The minister met Harry Smith on Tuesday ."]);
        // Lines of capitalised words (a list, a headline) stay apart.
        assert_eq!(split("Harry Smith\nJane Doe"), vec!["Harry Smith", "Jane Doe"]);
        assert_eq!(split("Markets Rally\nShares rose."), vec!["Markets Rally", "Shares rose ."]);
        // A long headline before a longer paragraph line ends its sentence, even on a name; text
        // wrapped at one width keeps a name across its line break.
        let head = "BREAKING: Magnitude 7.5 quake hits Japan's Noto Peninsula, tsunami warning issued for Ishikawa";
        let body = "Residents of Wajima and Suzu were told to evacuate to higher ground immediately. Japan Meteorological Agency official Toshihiro Shimoyama said waves of up to 5 metres could hit.";
        assert_eq!(split(&format!("{head}\n{body}"))[0], head.replace(":", " :").replace("'s", " 's").replace(",", " ,"));
        let wrapped = "The long report, which was published on Monday by the ministry, was written by Harry\nSmith and his colleagues in the research department of the university in London.";
        assert_eq!(split(wrapped).len(), 1);
    }

    proptest::proptest! {
        #[test]
        fn tokens_cover_non_space(s in "\\PC{0,60}") {
            let t = tokenize(&s);
            let mut last = 0;
            for x in &t {
                proptest::prop_assert!(x.start >= last && x.start < x.end && x.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(x.start) && s.is_char_boundary(x.end));
                proptest::prop_assert!(s[last..x.start].chars().all(|c| c.is_whitespace() || c.is_control() || is_invisible(c)));
                last = x.end;
            }
            let _ = sentences(&s, &t);
        }
    }
}
