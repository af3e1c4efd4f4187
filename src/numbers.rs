//! Number values: what a numeric span is worth.
//!
//! The tagger decides *where* the CARDINAL, ORDINAL, MONEY, PERCENT and QUANTITY spans are; this
//! module reads a span's text and works out its value, currency or unit. It reads normal text
//! ("$1.25bn", "12%", "twenty-three") as well as the tokenized-with-spaces style of the OntoNotes
//! corpus ("$ 1.25 billion", "12 %", "twenty - three"), skips the modifiers OntoNotes keeps inside
//! spans ("about", "as many as", "more than", …) and reads ranges ("5 to 10 million",
//! "between 5 and 10", "10–12%").
//!
//! The grammar is hand-written (no regex crate: wasm size matters), runs in time linear in the
//! input and never panics.
//!
//! Decisions worth knowing:
//! * **Ranges**: [`NumberValue::value`] is the low end; `low` and `high` hold both ends. A scale
//!   or unit written only on the high end is shared with the low end ("5 to 10 million" →
//!   5e6..1e7, "10–12%" → 10..12 percent), but a scale is only shared when the result is
//!   increasing ("500,000 to 1 million" → 5e5..1e6).
//! * **Vague plurals are worth their base**: "tens" 10, "dozens" 12, "scores" 20, "hundreds" 100,
//!   "thousands" 1000, "millions" 1e6; "tens of thousands" 1e4, "hundreds of millions" 1e8;
//!   "several hundred" and "a few thousand" likewise 100 and 1000. A vague word with nothing to
//!   multiply ("several", "many", "a few") has no value. "a couple" is 2.
//! * **Ambiguous abbreviations**: "m" after digits is million ("€40m") unless the hint is QUANTITY
//!   and there is no currency (then metres: "100m"), or it stands apart from its digits with
//!   neither a currency nor a MONEY hint (metres: "8,849 m"); "b" is billion only when attached to digits
//!   ("$4.5b"). "pounds" is GBP unless the hint is QUANTITY (then "lb").
//! * **Currencies**: bare "$" is USD; bare "¥" is JPY unless the span says yuan/RMB/renminbi
//!   (then CNY); "#" is GBP when the hint is MONEY (the Penn Treebank writes "£" as "#").
//!   Bare "francs" is CHF, "pesos" MXN, "marks" DEM. "cents", "pence" and "¢" divide by 100
//!   ("50 cents" → 0.5 USD).
//! * **Kind**: what the text shows wins (a currency → MONEY, "%"/"percent" → PERCENT, a unit →
//!   QUANTITY, an ordinal form → ORDINAL); otherwise the hint, otherwise CARDINAL. A PERCENT
//!   without a percent word still gets unit "percent".
//! * **Fractions**: bare "third" is the ordinal 3; "a third", "one third", "two thirds" and
//!   "three-quarters" are fractions; "half"/"quarter" alone are 0.5/0.25.
//! * Scales applied to a digit literal are exact in decimal ("8.1bn" == 8.1e9, bit for bit).

use serde::Serialize;

/// The OntoNotes numeric entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NumberKind {
    Cardinal,
    Ordinal,
    Money,
    Percent,
    Quantity,
}

/// The value of a number span.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NumberValue {
    /// What the number measures.
    pub kind: NumberKind,
    /// The value in whole units (4.5e9 for "$4.5bn", 12 for "12%", 0.5 for "50 cents").
    /// For a range this is the low end (the same as `low`).
    pub value: f64,
    /// Ranges only: the low end.
    pub low: Option<f64>,
    /// Ranges only: the high end.
    pub high: Option<f64>,
    /// Quantities: the canonical unit symbol ("km", "kg", "°C", "m²", …).
    /// Percentages: "percent", "percentage points" or "basis points".
    pub unit: Option<String>,
    /// Money: the ISO 4217 code ("USD", "EUR", "TWD", …).
    pub currency: Option<String>,
}

// ================================================================================ public API

/// Parses the text of a number span.
///
/// `hint` is the tagger's type when known; it decides the kind when the text does not show one,
/// and resolves "pounds" (GBP or lb) and "m" (million or metres). Modifiers inside the span
/// ("about", "more than", …) are skipped and trailing words ("25 km north") are ignored, but the
/// number itself must start the span (after modifiers). Returns `None` when no value can be read
/// ("several", "COVID", "").
///
/// ```
/// use article_annotator::numbers::{parse_value, NumberKind};
/// let v = parse_value("about $ 1.25 billion", Some(NumberKind::Money)).unwrap();
/// assert_eq!((v.value, v.currency.as_deref()), (1.25e9, Some("USD")));
/// let r = parse_value("5 to 10 million", None).unwrap();
/// assert_eq!((r.value, r.low, r.high), (5e6, Some(5e6), Some(1e7)));
/// ```
pub fn parse_value(text: &str, hint: Option<NumberKind>) -> Option<NumberValue> {
    if let Some(v) = measure_in_short(text.trim()) {
        return Some(v);
    }
    // "20-25C", "20 to 25C": a range of temperatures with the scale letter glued to its end
    // only, read as if the sign were written out ("20-25°C").
    let t = text.trim_end();
    if let Some(scale) = t.strip_suffix(['C', 'F']).filter(|h| h.ends_with(|c: char| c.is_ascii_digit())) {
        let sign = if t.ends_with('C') { "°C" } else { "°F" };
        if let Some(v) = parse_tokens(&lex(&format!("{scale}{sign}")), hint).filter(|v| v.low.is_some() && v.unit.as_deref() == Some(sign) && v.high.is_some_and(|h| h.abs() <= 200.0)) {
            return Some(v);
        }
    }
    parse_tokens(&lex(text), hint)
}

/// The news' short forms of a few measures, which the grammar would misread:
/// - a temperature with the scale letter glued on ("30C", "-5C", "86F"; a capital letter, as
///   "50c" is fifty cents);
/// - weight in stone ("9st", "12 stone": the grammar would read "9st" as an ordinal);
/// - two units of one measure in a row, valued in the smaller unit: "5ft 10in" → 70 in,
///   "9st 4lb" → 130 lb, "2lb 3oz" → 35 oz.
fn measure_in_short(text: &str) -> Option<NumberValue> {
    let quantity = |value: f64, unit: &str| NumberValue { kind: NumberKind::Quantity, value, low: None, high: None, unit: Some(unit.to_string()), currency: None };
    // Leading digits (one decimal point at most) and what follows them, spaces trimmed.
    fn number(s: &str) -> Option<(f64, &str)> {
        let end = s.char_indices().find(|&(k, c)| !(c.is_ascii_digit() || (c == '.' && k > 0))).map_or(s.len(), |(k, _)| k);
        let lit = &s[..end];
        if lit.is_empty() || !lit.starts_with(|c: char| c.is_ascii_digit()) || lit.ends_with('.') || lit.matches('.').count() > 1 {
            return None;
        }
        Some((lit.parse().ok()?, s[end..].trim_start()))
    }
    // A sign word ("minus 12C") or sign.
    let word_sign = ["minus ", "negative "].iter().find_map(|w| text.get(..w.len()).filter(|h| h.eq_ignore_ascii_case(w)).map(|_| text[w.len()..].trim_start()));
    let (neg, body) = match (word_sign, text.chars().next()?) {
        (Some(rest), _) => (true, rest),
        (None, '-' | '−' | '–') => (true, &text[text.chars().next()?.len_utf8()..]),
        (None, '+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (n, rest) = number(body)?;
    if body.len() - rest.len() > 7 {
        return None;
    }
    // Glued: "30C", not "30 C" (a grade, a room).
    if matches!(rest, "C" | "F") && body[..body.len() - 1].ends_with(|c: char| c.is_ascii_digit()) && n <= 200.0 {
        return Some(quantity(if neg { -n } else { n }, if rest == "C" { "°C" } else { "°F" }));
    }
    if neg {
        return None;
    }
    let lower = rest.to_lowercase();
    const STONE: &[&str] = &["st", "stone", "stones"];
    const FEET: &[&str] = &["ft", "foot", "feet"];
    const INCHES: &[&str] = &["in", "inch", "inches"];
    const POUNDS: &[&str] = &["lb", "lbs", "pound", "pounds"];
    const OUNCES: &[&str] = &["oz", "ounce", "ounces"];
    // "1st", "21st" are ordinals; "9st" can only be stone.
    let ordinal_st = lower == "st" && n.fract() == 0.0 && n % 10.0 == 1.0 && n % 100.0 != 11.0;
    if STONE.contains(&lower.as_str()) && !ordinal_st {
        return Some(quantity(n, "st"));
    }
    // "5ft 10in": the first unit, then a second amount in the smaller unit.
    let unit_end = lower.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(lower.len());
    let (u1, after) = lower.split_at(unit_end);
    let (m, u2) = number(after.trim_start())?;
    let u2 = u2.trim_end_matches('.');
    let per = [(FEET, INCHES, 12.0, "in"), (STONE, POUNDS, 14.0, "lb"), (POUNDS, OUNCES, 16.0, "oz")]
        .into_iter()
        .find(|(a, b, _, _)| a.contains(&u1) && b.contains(&u2))?;
    (m < per.2 && n.fract() == 0.0).then(|| quantity(n * per.2 + m, per.3))
}

/// Value of a single spelled-out or digit number phrase without currency or unit:
/// "one hundred and five" → 105, "5,200" → 5200, "4.5bn" → 4.5e9, "twenty-three" → 23,
/// "a third" → 1/3, "three-quarters" → 0.75. The whole text must be the phrase (an optional
/// leading sign is allowed); otherwise `None`.
pub fn parse_number_phrase(text: &str) -> Option<f64> {
    let t = lex(text);
    let (neg, i) = sign(&t, 0);
    let p = phrase(&t, i, MReading::Million)?;
    (p.end == t.len()).then_some(if neg { -p.value } else { p.value })
}

/// Spells a non-negative integer in English words, American style without "and":
/// 105 → "one hundred five", 23 → "twenty-three", 0 → "zero". Works for every `u64`.
pub fn spell_integer(n: u64) -> String {
    if n == 0 {
        return "zero".into();
    }
    const SCALES: [(u64, &str); 7] = [
        (1_000_000_000_000_000_000, "quintillion"),
        (1_000_000_000_000_000, "quadrillion"),
        (1_000_000_000_000, "trillion"),
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
        (1, ""),
    ];
    let mut parts: Vec<String> = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        let group = rest / size;
        rest %= size;
        if group == 0 {
            continue;
        }
        if group >= 100 {
            parts.push(format!("{} hundred", UNIT_WORDS[(group / 100) as usize]));
        }
        let r = (group % 100) as usize;
        match r {
            0 => {}
            1..=9 => parts.push(UNIT_WORDS[r].into()),
            10..=19 => parts.push(TEEN_WORDS[r - 10].into()),
            _ if r.is_multiple_of(10) => parts.push(TENS_WORDS[r / 10 - 2].into()),
            _ => parts.push(format!("{}-{}", TENS_WORDS[r / 10 - 2], UNIT_WORDS[r % 10])),
        }
        if !name.is_empty() {
            parts.push(name.into());
        }
    }
    parts.join(" ")
}

/// Lexical class of one lower-cased word or token, a feature for the tagger. One of
/// `"numword"`, `"scale"`, `"ordword"` (also digit ordinals such as "21st"), `"fracword"`,
/// `"vague"`, `"currency"`, `"percent"`, `"unit"`, `"month"`, `"weekday"`, or `None`.
/// Dots are ignored ("rs." → currency, "jan." → month). Ambiguous everyday words that are only
/// currencies after a number ("won", "rand", "marks") are not classed; single-letter units are
/// not classed either ("m" is a scale).
pub fn word_class(lower: &str) -> Option<&'static str> {
    let owned: String;
    let w = if lower.contains('.') {
        owned = lower.chars().filter(|&c| c != '.').collect();
        owned.as_str()
    } else {
        lower
    };
    if w.is_empty() {
        return None;
    }
    if cardinal_word(w).is_some() || matches!(w, "hundred" | "nought" | "naught" | "nil") {
        return Some("numword");
    }
    if spelled_scale(w).is_some()
        || matches!(
            w,
            "k" | "m"
                | "mn"
                | "mln"
                | "mil"
                | "bn"
                | "bln"
                | "tn"
                | "tln"
                | "trn"
                | "lakhs"
                | "lacs"
                | "crores"
                | "cr"
        )
    {
        return Some("scale");
    }
    if ordinal_word(w).is_some() || is_digit_ordinal(w) {
        return Some("ordword");
    }
    if frac_word(w).is_some() {
        return Some("fracword");
    }
    if vague_plural(w).is_some() || matches!(w, "dozen" | "several" | "couple" | "numerous") {
        return Some("vague");
    }
    if matches!(
        w,
        "%" | "percent" | "pct" | "per" | "per-cent" | "percentage" | "‰"
    ) {
        return Some("percent");
    }
    let is_currency = symbol_currency_str(w).is_some()
        || iso_code(w).is_some()
        || matches!(w, "rs" | "rp" | "sfr" | "$us")
        || w.strip_suffix('$')
            .is_some_and(|p| dollar_prefix(p).is_some())
        || (!matches!(
            w,
            "won" | "rand" | "marks" | "dong" | "real" | "p" | "bucks"
        ) && CURRENCIES.iter().any(|(p, _, _)| *p == w));
    if is_currency {
        return Some("currency");
    }
    if !matches!(w, "m" | "in" | "°") && UNITS.iter().any(|(p, _)| *p == w) {
        return Some("unit");
    }
    if MONTHS.contains(&w) {
        return Some("month");
    }
    if WEEKDAYS.contains(&w) {
        return Some("weekday");
    }
    None
}

// ================================================================================ word tables

#[rustfmt::skip]
const UNIT_WORDS: [&str; 10] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
#[rustfmt::skip]
const TEEN_WORDS: [&str; 10] = [
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
];
#[rustfmt::skip]
const TENS_WORDS: [&str; 8] = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
#[rustfmt::skip]
const ORD_UNITS: [&str; 10] = [
    "zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
];
#[rustfmt::skip]
const ORD_TEENS: [&str; 10] = [
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth",
];
#[rustfmt::skip]
const ORD_TENS: [&str; 8] = [
    "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth",
];
#[rustfmt::skip]
const MONTHS: [&str; 25] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "febr",
];
#[rustfmt::skip]
const WEEKDAYS: [&str; 18] = [
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed",
    "weds", "thu", "thur", "thurs", "fri", "sat", "sun",
];
/// Powers of ten, indexed by exponent; every scale word is one of them.
#[rustfmt::skip]
const POW10: [f64; 19] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
];

/// Modifiers OntoNotes keeps inside number spans; skipped before a number.
#[rustfmt::skip]
const MODIFIERS: &[&str] = &[
    "about", "around", "approximately", "approx", "roughly", "some", "nearly", "almost", "over", "more than",
    "less than", "fewer than", "greater than", "higher than", "lower than", "no more than", "no less than",
    "not more than", "no fewer than", "not less than", "not fewer than", "up to", "at least", "at most", "as many as", "as much as", "as few as", "as little as",
    "as high as", "as low as", "only", "just", "just over", "just under", "an estimated", "estimated",
    "a total of", "another", "an additional", "additional", "a further", "under", "below", "above", "close to",
    "upwards of", "upward of", "well over", "well under", "well above", "well below", "in excess of", "the",
    "a mere", "mere", "a whopping", "whopping", "a record", "an average of", "a maximum of", "a minimum of",
    "exactly", "precisely", "circa", "barely", "fully", "a full", "more",
];

/// Whether `word` (any case) is the first word of a modifier that may open a number span ("about",
/// "nearly", "more" of "more than").
pub fn is_modifier_word(word: &str) -> bool {
    let w = word.to_lowercase();
    MODIFIERS.iter().any(|m| m.split(' ').next() == Some(w.as_str())) && w != "the"
}

/// Percent markers after a number: (pattern, unit). In patterns, words are separated by spaces,
/// a hyphen between words is optional, and `^` marks an item that must touch the previous token.
#[rustfmt::skip]
const PERCENTS: &[(&str, &str)] = &[
    ("%", "percent"), ("percent", "percent"), ("per cent", "percent"), ("pct", "percent"),
    ("^pc", "percent"), ("percentage points", "percentage points"), ("percentage point", "percentage points"),
    ("pct points", "percentage points"), ("percent points", "percentage points"),
    ("basis points", "basis points"), ("basis point", "basis points"), ("bps", "basis points"),
    ("^bp", "basis points"),
];

/// Currency markers after a number: (pattern, ISO code, divisor).
#[rustfmt::skip]
const CURRENCIES: &[(&str, &str, f64)] = &[
    ("$", "USD", 1.0), ("€", "EUR", 1.0), ("£", "GBP", 1.0), ("¥", "JPY", 1.0), ("₹", "INR", 1.0),
    ("¢", "USD", 100.0), ("₩", "KRW", 1.0), ("₽", "RUB", 1.0), ("₺", "TRY", 1.0), ("₪", "ILS", 1.0),
    ("₱", "PHP", 1.0), ("฿", "THB", 1.0), ("₦", "NGN", 1.0), ("₫", "VND", 1.0), ("₴", "UAH", 1.0),
    ("dollar", "USD", 1.0), ("dollars", "USD", 1.0), ("us dollar", "USD", 1.0), ("us dollars", "USD", 1.0),
    ("american dollars", "USD", 1.0), ("bucks", "USD", 1.0),
    ("hong kong dollar", "HKD", 1.0), ("hong kong dollars", "HKD", 1.0), ("hk dollars", "HKD", 1.0),
    ("canadian dollar", "CAD", 1.0), ("canadian dollars", "CAD", 1.0),
    ("australian dollar", "AUD", 1.0), ("australian dollars", "AUD", 1.0), ("aussie dollars", "AUD", 1.0),
    ("nt dollar", "TWD", 1.0), ("nt dollars", "TWD", 1.0), ("new taiwan dollar", "TWD", 1.0),
    ("new taiwan dollars", "TWD", 1.0), ("taiwan dollars", "TWD", 1.0), ("taiwanese dollars", "TWD", 1.0),
    ("singapore dollar", "SGD", 1.0), ("singapore dollars", "SGD", 1.0),
    ("new zealand dollar", "NZD", 1.0), ("new zealand dollars", "NZD", 1.0),
    ("cent", "USD", 100.0), ("cents", "USD", 100.0), ("euro cent", "EUR", 100.0), ("euro cents", "EUR", 100.0),
    ("euro", "EUR", 1.0), ("euros", "EUR", 1.0),
    ("pound", "GBP", 1.0), ("pounds", "GBP", 1.0), ("pound sterling", "GBP", 1.0),
    ("pounds sterling", "GBP", 1.0), ("sterling", "GBP", 1.0), ("british pounds", "GBP", 1.0),
    ("quid", "GBP", 1.0), ("pence", "GBP", 100.0), ("penny", "GBP", 100.0), ("^p", "GBP", 100.0),
    ("egyptian pounds", "EGP", 1.0),
    ("yen", "JPY", 1.0), ("japanese yen", "JPY", 1.0),
    ("yuan", "CNY", 1.0), ("renminbi", "CNY", 1.0), ("chinese yuan", "CNY", 1.0),
    ("rupee", "INR", 1.0), ("rupees", "INR", 1.0), ("indian rupees", "INR", 1.0), ("paise", "INR", 100.0),
    ("pakistani rupees", "PKR", 1.0), ("sri lankan rupees", "LKR", 1.0), ("nepalese rupees", "NPR", 1.0),
    ("franc", "CHF", 1.0), ("francs", "CHF", 1.0), ("swiss franc", "CHF", 1.0), ("swiss francs", "CHF", 1.0),
    ("french francs", "FRF", 1.0), ("belgian francs", "BEF", 1.0), ("cfa francs", "XOF", 1.0),
    ("ruble", "RUB", 1.0), ("rubles", "RUB", 1.0), ("rouble", "RUB", 1.0), ("roubles", "RUB", 1.0),
    ("won", "KRW", 1.0), ("korean won", "KRW", 1.0), ("south korean won", "KRW", 1.0), ("rand", "ZAR", 1.0),
    ("peso", "MXN", 1.0), ("pesos", "MXN", 1.0), ("mexican pesos", "MXN", 1.0), ("philippine pesos", "PHP", 1.0),
    ("argentine pesos", "ARS", 1.0), ("chilean pesos", "CLP", 1.0), ("colombian pesos", "COP", 1.0),
    ("reais", "BRL", 1.0), ("brazilian reais", "BRL", 1.0), ("brazilian real", "BRL", 1.0),
    ("lira", "TRY", 1.0), ("liras", "TRY", 1.0), ("turkish lira", "TRY", 1.0), ("lire", "ITL", 1.0),
    ("italian lire", "ITL", 1.0), ("marks", "DEM", 1.0), ("deutsche marks", "DEM", 1.0),
    ("deutschmarks", "DEM", 1.0), ("deutschemarks", "DEM", 1.0), ("d marks", "DEM", 1.0),
    ("shekel", "ILS", 1.0), ("shekels", "ILS", 1.0), ("new israeli shekels", "ILS", 1.0),
    ("dirham", "AED", 1.0), ("dirhams", "AED", 1.0), ("riyal", "SAR", 1.0), ("riyals", "SAR", 1.0),
    ("baht", "THB", 1.0), ("ringgit", "MYR", 1.0), ("rupiah", "IDR", 1.0), ("naira", "NGN", 1.0),
    ("krona", "SEK", 1.0), ("kronor", "SEK", 1.0), ("swedish kronor", "SEK", 1.0), ("krone", "NOK", 1.0),
    ("kroner", "NOK", 1.0), ("norwegian kroner", "NOK", 1.0), ("danish kroner", "DKK", 1.0),
    ("zloty", "PLN", 1.0), ("zlotys", "PLN", 1.0), ("forint", "HUF", 1.0), ("forints", "HUF", 1.0),
    ("hryvnia", "UAH", 1.0), ("hryvnias", "UAH", 1.0), ("dong", "VND", 1.0),
    ("saudi riyals", "SAR", 1.0), ("saudi riyal", "SAR", 1.0), ("qatari riyals", "QAR", 1.0), ("uae dirhams", "AED", 1.0),
    ("emirati dirhams", "AED", 1.0), ("moroccan dirhams", "MAD", 1.0), ("kenyan shillings", "KES", 1.0),
    ("shilling", "KES", 1.0), ("shillings", "KES", 1.0), ("kenya shillings", "KES", 1.0), ("ksh", "KES", 1.0),
    ("uganda shillings", "UGX", 1.0), ("tanzania shillings", "TZS", 1.0), ("somali shillings", "SOS", 1.0),
    ("ugandan shillings", "UGX", 1.0), ("tanzanian shillings", "TZS", 1.0), ("nigerian naira", "NGN", 1.0), ("south african rand", "ZAR", 1.0), ("thai baht", "THB", 1.0),
    ("malaysian ringgit", "MYR", 1.0), ("indonesian rupiah", "IDR", 1.0), ("russian roubles", "RUB", 1.0),
    ("russian rubles", "RUB", 1.0), ("polish zloty", "PLN", 1.0), ("hungarian forints", "HUF", 1.0),
    ("ukrainian hryvnias", "UAH", 1.0), ("vietnamese dong", "VND", 1.0), ("israeli shekels", "ILS", 1.0),
];

/// Quantity units after a number: (pattern, canonical symbol).
#[rustfmt::skip]
const UNITS: &[(&str, &str)] = &[
    // length
    ("km", "km"), ("kms", "km"), ("kilometre", "km"), ("kilometres", "km"), ("kilometer", "km"),
    ("kilometers", "km"), ("mi", "mi"), ("mile", "mi"), ("miles", "mi"), ("nautical mile", "nmi"),
    ("nautical miles", "nmi"), ("m", "m"), ("metre", "m"), ("metres", "m"), ("meter", "m"), ("meters", "m"),
    ("cm", "cm"), ("centimetre", "cm"), ("centimetres", "cm"), ("centimeter", "cm"), ("centimeters", "cm"),
    ("mm", "mm"), ("millimetre", "mm"), ("millimetres", "mm"), ("millimeter", "mm"), ("millimeters", "mm"),
    ("nm", "nm"), ("nanometre", "nm"), ("nanometres", "nm"), ("nanometer", "nm"), ("nanometers", "nm"),
    ("µm", "µm"), ("micron", "µm"), ("microns", "µm"), ("micrometre", "µm"), ("micrometres", "µm"),
    ("micrometer", "µm"), ("micrometers", "µm"),
    ("ft", "ft"), ("foot", "ft"), ("feet", "ft"), ("^in", "in"), ("inch", "in"), ("inches", "in"),
    ("yd", "yd"), ("yds", "yd"), ("yard", "yd"), ("yards", "yd"), ("light year", "ly"), ("light years", "ly"),
    // area
    ("km²", "km²"), ("sq km", "km²"), ("square km", "km²"), ("square kilometre", "km²"),
    ("square kilometres", "km²"), ("square kilometer", "km²"), ("square kilometers", "km²"), ("m²", "m²"),
    ("sq m", "m²"), ("square metre", "m²"), ("square metres", "m²"), ("square meter", "m²"),
    ("square meters", "m²"), ("mi²", "mi²"), ("sq mi", "mi²"), ("sq miles", "mi²"), ("square mile", "mi²"),
    ("square miles", "mi²"), ("ft²", "ft²"), ("sq ft", "ft²"), ("square foot", "ft²"), ("square feet", "ft²"),
    ("acre", "acre"), ("acres", "acre"), ("ha", "ha"), ("hectare", "ha"), ("hectares", "ha"),
    // volume
    ("^l", "L"), ("litre", "L"), ("litres", "L"), ("liter", "L"), ("liters", "L"), ("ml", "mL"),
    ("millilitres", "mL"), ("milliliters", "mL"), ("gallon", "gal"), ("gallons", "gal"), ("m³", "m³"),
    ("cubic metre", "m³"), ("cubic metres", "m³"), ("cubic meter", "m³"), ("cubic meters", "m³"),
    ("cubic foot", "ft³"), ("cubic feet", "ft³"), ("barrel", "barrel"), ("barrels", "barrel"),
    ("barrels per day", "barrel/d"), ("barrels a day", "barrel/d"), ("bpd", "barrel/d"), ("b / d", "barrel/d"),
    ("bushel", "bu"), ("bushels", "bu"),
    ("tsp", "tsp"), ("teaspoon", "tsp"), ("teaspoons", "tsp"), ("tbsp", "tbsp"), ("tablespoon", "tbsp"),
    ("tablespoons", "tbsp"),
    // mass
    ("kg", "kg"), ("kgs", "kg"), ("kilo", "kg"), ("kilos", "kg"), ("kilogram", "kg"), ("kilograms", "kg"),
    ("kilogramme", "kg"), ("kilogrammes", "kg"), ("^g", "g"), ("gram", "g"), ("grams", "g"), ("gramme", "g"),
    ("grammes", "g"), ("mg", "mg"), ("milligram", "mg"), ("milligrams", "mg"), ("^t", "t"), ("tonne", "t"),
    ("tonnes", "t"), ("ton", "t"), ("tons", "t"), ("metric ton", "t"), ("metric tons", "t"),
    ("metric tonne", "t"), ("metric tonnes", "t"), ("lb", "lb"), ("lbs", "lb"), ("ounce", "oz"),
    ("ounces", "oz"), ("oz", "oz"), ("troy ounce", "oz"), ("troy ounces", "oz"), ("carat", "ct"),
    ("carats", "ct"), ("megaton", "Mt"), ("megatons", "Mt"), ("kiloton", "kt"), ("kilotons", "kt"),
    // temperature
    ("°c", "°C"), ("℃", "°C"), ("℉", "°F"), ("° c", "°C"), ("°f", "°F"), ("° f", "°F"), ("degrees celsius", "°C"),
    ("degree celsius", "°C"), ("degrees centigrade", "°C"), ("degrees c", "°C"), ("degrees fahrenheit", "°F"),
    ("degree fahrenheit", "°F"), ("degrees f", "°F"), ("degrees", "°"), ("degree", "°"), ("°", "°"),
    ("kelvin", "K"),
    // speed
    ("mph", "mph"), ("miles per hour", "mph"), ("miles an hour", "mph"), ("km / h", "km/h"), ("kph", "km/h"),
    ("kmh", "km/h"), ("km per hour", "km/h"), ("kilometres per hour", "km/h"), ("kilometers per hour", "km/h"),
    ("kilometres an hour", "km/h"), ("kilometers an hour", "km/h"), ("knot", "kn"), ("knots", "kn"),
    // power and energy
    ("w", "W"), ("watt", "W"), ("watts", "W"), ("kw", "kW"), ("kilowatt", "kW"), ("kilowatts", "kW"),
    ("mw", "MW"), ("megawatt", "MW"), ("megawatts", "MW"), ("gw", "GW"), ("gigawatt", "GW"),
    ("gigawatts", "GW"), ("terawatt", "TW"), ("terawatts", "TW"), ("kwh", "kWh"), ("kilowatt hour", "kWh"),
    ("kilowatt hours", "kWh"), ("mwh", "MWh"), ("megawatt hour", "MWh"), ("megawatt hours", "MWh"),
    ("gwh", "GWh"), ("gigawatt hour", "GWh"), ("gigawatt hours", "GWh"), ("twh", "TWh"),
    ("terawatt hour", "TWh"), ("terawatt hours", "TWh"), ("calorie", "cal"), ("calories", "cal"),
    ("kcal", "kcal"), ("kilocalorie", "kcal"), ("kilocalories", "kcal"), ("horsepower", "hp"), ("hp", "hp"),
    ("volt", "V"), ("volts", "V"),
    // data, frequency, sound
    ("kb", "kB"), ("kilobytes", "kB"), ("mb", "MB"), ("megabytes", "MB"), ("gb", "GB"), ("gigabytes", "GB"),
    ("tb", "TB"), ("terabytes", "TB"), ("mhz", "MHz"), ("megahertz", "MHz"), ("ghz", "GHz"),
    ("gigahertz", "GHz"), ("decibel", "dB"), ("decibels", "dB"), ("db", "dB"),
];

fn cardinal_word(w: &str) -> Option<(f64, Last)> {
    if let Some(i) = UNIT_WORDS.iter().position(|&x| x == w) {
        return Some((i as f64, Last::Unit));
    }
    if let Some(i) = TEEN_WORDS.iter().position(|&x| x == w) {
        return Some((10.0 + i as f64, Last::Teen));
    }
    if let Some(i) = TENS_WORDS.iter().position(|&x| x == w) {
        return Some((20.0 + 10.0 * i as f64, Last::Tens));
    }
    (w == "fourty").then_some((40.0, Last::Tens))
}

/// Ordinal words with the cardinal class they behave like (Unit, Teen, Tens, Hundred or Scale).
fn ordinal_word(w: &str) -> Option<(f64, Last)> {
    if let Some(i) = ORD_UNITS.iter().position(|&x| x == w) {
        return Some((i as f64, Last::Unit));
    }
    if let Some(i) = ORD_TEENS.iter().position(|&x| x == w) {
        return Some((10.0 + i as f64, Last::Teen));
    }
    if let Some(i) = ORD_TENS.iter().position(|&x| x == w) {
        return Some((20.0 + 10.0 * i as f64, Last::Tens));
    }
    match w {
        "hundredth" => Some((100.0, Last::Hundred)),
        "thousandth" => Some((1e3, Last::Scale)),
        "millionth" => Some((1e6, Last::Scale)),
        "billionth" => Some((1e9, Last::Scale)),
        "trillionth" => Some((1e12, Last::Scale)),
        _ => None,
    }
}

/// Fraction denominators: (denominator, plural, pure). Pure ones ("half", "quarter") are
/// fractions even on their own; the others ("third", "fifths") double as ordinals.
fn frac_word(w: &str) -> Option<(f64, bool, bool)> {
    match w {
        "half" => return Some((2.0, false, true)),
        "halves" => return Some((2.0, true, true)),
        "quarter" => return Some((4.0, false, true)),
        "quarters" => return Some((4.0, true, true)),
        _ => {}
    }
    let (stem, plural) = match w.strip_suffix('s') {
        Some(s) if ordinal_word(s).is_some() => (s, true),
        _ => (w, false),
    };
    let (v, _) = ordinal_word(stem)?;
    (v >= 3.0).then_some((v, plural, false))
}

fn spelled_scale(w: &str) -> Option<f64> {
    Some(match w {
        "thousand" => 1e3,
        "lakh" | "lac" => 1e5,
        "million" => 1e6,
        "crore" => 1e7,
        "billion" => 1e9,
        "trillion" => 1e12,
        "quadrillion" => 1e15,
        "quintillion" => 1e18,
        _ => return None,
    })
}

/// What "m" after digits means.
#[derive(Debug, Clone, Copy, PartialEq)]
enum MReading {
    /// Million ("€40m", "$5 m").
    Million,
    /// Million when glued to its digits ("5m people"); metres when spaced ("8,849 m").
    MillionIfAttached,
    /// Metres (a QUANTITY).
    Metres,
}

/// Scale words, including the news abbreviations that may only follow digits ("4.5bn", "100k").
fn scale_word(w: &str, last: Last, attached: bool, m: MReading) -> Option<f64> {
    if let Some(s) = spelled_scale(w) {
        return Some(s);
    }
    if last == Last::Start {
        return None;
    }
    match w {
        "lakhs" | "lacs" => return Some(1e5),
        "crores" => return Some(1e7),
        _ => {}
    }
    if !matches!(last, Last::Digit | Last::DigitFrac) {
        return None;
    }
    Some(match w {
        "k" | "thou" => 1e3,
        "m" if m == MReading::Million || (m == MReading::MillionIfAttached && attached) => 1e6,
        "mn" | "mln" | "mil" | "mio" => 1e6,
        "cr" => 1e7,
        "bn" | "bln" | "bil" => 1e9,
        "b" if attached => 1e9,
        "tn" | "tln" | "trn" => 1e12,
        _ => return None,
    })
}

/// Vague plurals, worth their base ("dozens" → 12).
fn vague_plural(w: &str) -> Option<f64> {
    Some(match w {
        "tens" => 10.0,
        "dozens" => 12.0,
        "scores" => 20.0,
        "hundreds" => 100.0,
        "thousands" => 1e3,
        "lakhs" => 1e5,
        "millions" => 1e6,
        "crores" => 1e7,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Words a vague quantifier or "a" can multiply: "several hundred", "a dozen".
fn is_multiplicand(w: &str) -> bool {
    w == "hundred" || w == "dozen" || spelled_scale(w).is_some()
}

/// "21st", "100th", "1,000th" (thousands grouped by commas).
fn is_digit_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(|b| b.is_ascii_digit() || *b == b',').count();
    let grouped = |d: &str| !d.contains(',') || d.split(',').enumerate().all(|(k, g)| if k == 0 { (1..=3).contains(&g.len()) } else { g.len() == 3 });
    digits > 0 && w.as_bytes()[0].is_ascii_digit() && grouped(&w[..digits]) && matches!(&w[digits..], "st" | "nd" | "rd" | "th")
}

fn symbol_currency(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '€' => "EUR",
        '£' => "GBP",
        '¥' => "JPY",
        '₹' => "INR",
        '₩' => "KRW",
        '₽' => "RUB",
        '₺' => "TRY",
        '₪' => "ILS",
        '₱' => "PHP",
        '฿' => "THB",
        '₦' => "NGN",
        '₫' => "VND",
        '₴' => "UAH",
        _ => return None,
    })
}

fn symbol_currency_str(w: &str) -> Option<&'static str> {
    let mut cs = w.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => symbol_currency(c).or((c == '¢').then_some("USD")),
        _ => None,
    }
}

/// The letters before a "$": "US$", "HK$", "A$" (and after it: "$US", "$A").
fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "usd" => "USD",
        "a" | "au" | "aus" => "AUD",
        "c" | "ca" | "can" | "cdn" => "CAD",
        "hk" => "HKD",
        "nt" => "TWD",
        "s" | "sg" => "SGD",
        "nz" => "NZD",
        "r" => "BRL",
        "mx" | "mex" => "MXN",
        _ => return None,
    })
}

/// ISO 4217 codes (and a few house codes) written as words.
fn iso_code(w: &str) -> Option<&'static str> {
    #[rustfmt::skip]
    const CODES: &[(&str, &str)] = &[
        ("usd", "USD"), ("eur", "EUR"), ("gbp", "GBP"), ("jpy", "JPY"), ("inr", "INR"), ("cny", "CNY"),
        ("rmb", "CNY"), ("chf", "CHF"), ("cad", "CAD"), ("aud", "AUD"), ("hkd", "HKD"), ("twd", "TWD"),
        ("ntd", "TWD"), ("rub", "RUB"), ("sgd", "SGD"), ("nzd", "NZD"), ("krw", "KRW"), ("brl", "BRL"),
        ("mxn", "MXN"), ("zar", "ZAR"), ("sek", "SEK"), ("nok", "NOK"), ("dkk", "DKK"), ("pln", "PLN"),
        ("huf", "HUF"), ("czk", "CZK"), ("ils", "ILS"), ("aed", "AED"), ("sar", "SAR"), ("thb", "THB"),
        ("myr", "MYR"), ("idr", "IDR"), ("php", "PHP"), ("egp", "EGP"), ("ngn", "NGN"), ("pkr", "PKR"),
        ("vnd", "VND"), ("uah", "UAH"), ("ars", "ARS"), ("clp", "CLP"), ("cop", "COP"), ("dem", "DEM"),
        ("frf", "FRF"), ("itl", "ITL"), ("kes", "KES"), ("ugx", "UGX"), ("tzs", "TZS"),
    ];
    CODES.iter().find(|(c, _)| *c == w).map(|(_, iso)| *iso)
}

// ================================================================================ lexer

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A digit number with its normalized literal ("5,200" → "5200", ".5" → "0.5").
    Num(f64, String),
    /// A vulgar fraction character ("½").
    Frac(f64),
    /// A lower-cased word, dots removed ("U.S." → "us", "Rs." → "rs").
    Word(String),
    /// Any other character. Hyphens and minus signs become '-', other dashes '–'.
    Sym(char),
}

#[derive(Debug, Clone)]
struct Token {
    tok: Tok,
    /// Whitespace precedes this token.
    gap: bool,
}

impl Token {
    fn word(&self) -> Option<&str> {
        match &self.tok {
            Tok::Word(w) => Some(w),
            _ => None,
        }
    }
    fn is_sym(&self, c: char) -> bool {
        self.tok == Tok::Sym(c)
    }
    fn is_num(&self) -> bool {
        matches!(self.tok, Tok::Num(..) | Tok::Frac(_))
    }
}

fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅐' => 1.0 / 7.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        '⅑' => 1.0 / 9.0,
        '⅒' => 0.1,
        _ => return None,
    })
}

/// Thousands separators: comma, (narrow) no-break space, thin space, plain space.
fn is_group_sep(c: char) -> bool {
    matches!(c, ',' | ' ' | '\u{2009}' | '\u{202F}' | '\u{A0}')
}

/// Whether `c[k]` is the sign of an exponent.
fn exponent_sign(c: &[char], k: usize) -> bool {
    k < c.len() && matches!(c[k], '+' | '-' | '−')
}

fn lex(text: &str) -> Vec<Token> {
    let c: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let n = c.len();
    let digit = |k: usize| k < n && c[k].is_ascii_digit();
    let mut out = Vec::new();
    let mut gap = false;
    let mut i = 0;
    while i < n {
        let ch = c[i];
        let tok = if ch.is_ascii_digit() || (ch == '.' && digit(i + 1)) {
            let mut lit = String::new();
            let mut j = i;
            while digit(j) {
                lit.push(c[j]);
                j += 1;
            }
            // The Indian grouping, in twos before the last three: "1,99,999", "12,34,567".
            let mut k = j;
            if (1..=2).contains(&(j - i)) {
                while k + 3 < n && c[k] == ',' && digit(k + 1) && digit(k + 2) && c[k + 3] == ',' {
                    k += 3;
                }
            }
            if k > j && k + 3 < n && c[k] == ',' && digit(k + 1) && digit(k + 2) && digit(k + 3) && !digit(k + 4) {
                lit.extend(c[j..k + 4].iter().filter(|d| d.is_ascii_digit()));
                j = k + 4;
            } else if (1..=3).contains(&(j - i)) {
                // Groups of exactly three digits after one separator kind: "5,200", "34 000".
                let mut sep = None;
                while j + 3 < n
                    && is_group_sep(c[j])
                    && sep.is_none_or(|s| s == c[j])
                    && digit(j + 1)
                    && digit(j + 2)
                    && digit(j + 3)
                    && !digit(j + 4)
                {
                    sep = Some(c[j]);
                    lit.extend(&c[j + 1..j + 4]);
                    j += 4;
                }
            }
            // A decimal comma ("0,8%", "4,5 Mio."): one comma and one or two digits, which no
            // grouping of thousands can be, and no other digit group after it ("1,2,3").
            let decimal_comma = j < n
                && c[j] == ','
                && digit(j + 1)
                && !lit.is_empty()
                && (lit.len() == j - i)
                && {
                    let mut e = j + 1;
                    while digit(e) {
                        e += 1;
                    }
                    (e - j - 1) <= 2 && !(e < n && matches!(c[e], ',' | '.') && digit(e + 1))
                };
            if decimal_comma {
                lit.push('.');
                j += 1;
                while digit(j) {
                    lit.push(c[j]);
                    j += 1;
                }
            } else if j < n && c[j] == '.' && digit(j + 1) {
                if lit.is_empty() {
                    lit.push('0');
                }
                lit.push('.');
                j += 1;
                while digit(j) {
                    lit.push(c[j]);
                    j += 1;
                }
            }
            // An exponent ("6.02e23", "1E6", "3e-5"), not a word ("5e", "2eggs").
            if j < n && c[j] == 'e' && !lit.is_empty() {
                let k = j + 1 + usize::from(exponent_sign(&c, j + 1));
                if digit(k) {
                    let mut e = k;
                    while digit(e) {
                        e += 1;
                    }
                    if !(e < n && c[e].is_alphanumeric()) {
                        lit.extend(c[j..e].iter().map(|&d| if d == '−' { '-' } else { d }));
                        j = e;
                    }
                }
            }
            i = j;
            Tok::Num(lit.parse().unwrap_or(f64::INFINITY), lit)
        } else if ch.is_alphabetic() || ch == '°' {
            let mut w = String::from(ch);
            let mut j = i + 1;
            while j < n {
                let d = c[j];
                if d.is_alphabetic() || d == '²' || d == '³' {
                    w.push(d);
                } else if !(d == '.' && j + 1 < n && c[j + 1].is_alphabetic()) {
                    break;
                }
                j += 1;
            }
            if j < n && c[j] == '.' {
                j += 1; // "Rs.", "mln.", "U.S."
            }
            i = j;
            Tok::Word(w)
        } else if ch.is_whitespace() {
            gap = true;
            i += 1;
            continue;
        } else if ch == '\\' && i + 1 < n && c[i + 1] == '/' {
            i += 2; // the Penn Treebank escapes slashes: "3\/4"
            Tok::Sym('/')
        } else {
            i += 1;
            match ch {
                '℃' => Tok::Word("°c".into()),
                '℉' => Tok::Word("°f".into()),
                _ => match vulgar_fraction(ch) {
                    Some(f) => Tok::Frac(f),
                    None => Tok::Sym(match ch {
                        '‐' | '‑' | '−' | '﹣' | '－' => '-',
                        '–' | '—' | '‒' | '―' => '–',
                        '％' => '%',
                        '＄' => '$',
                        other => other,
                    }),
                },
            }
        };
        out.push(Token { tok, gap });
        gap = false;
    }
    out
}

// ================================================================================ number phrases

/// What the phrase parser read last; this decides what may follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    /// "a"/"an" before hundred, a scale, "dozen" or a fraction word.
    Article,
    /// "several", "a few": needs a hundred, scale or dozen to follow.
    Mult,
    /// A digit number.
    Digit,
    /// A digit number with a fraction ("2½", "1/5", "3.5" spelled "three point five").
    DigitFrac,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
    Dozen,
    /// A fraction ("half", "two thirds", "one and a half").
    Frac,
    /// A vague plural ("dozens", "tens of thousands").
    Vague,
    /// "and" inside a number ("one hundred and five").
    And,
}

/// The phrase state machine: `total` holds completed scale groups, `current` the group being read.
#[derive(Debug, Clone, Copy)]
struct Phrase<'a> {
    t: &'a [Token],
    total: f64,
    current: f64,
    max_scale: f64,
    last: Last,
    /// The current group already has a "hundred".
    hundred: bool,
    /// `current` is one plain number word or digit number (a possible numerator).
    simple: bool,
    ordinal: bool,
    m_reading: MReading,
    /// The literal of the digit number just read, for exact decimal scaling.
    lit: Option<&'a str>,
}

struct PhraseOut<'a> {
    value: f64,
    end: usize,
    ordinal: bool,
    scale: Option<f64>,
    /// Set when the phrase is one bare digit number.
    lit: Option<&'a str>,
}

/// Reads the longest number phrase starting at token `i`.
fn phrase(t: &[Token], i: usize, m_reading: MReading) -> Option<PhraseOut<'_>> {
    let mut p = Phrase {
        t,
        total: 0.0,
        current: 0.0,
        max_scale: 0.0,
        last: Last::Start,
        hundred: false,
        simple: false,
        ordinal: false,
        m_reading,
        lit: None,
    };
    let end = p.run(i);
    if matches!(p.last, Last::Start | Last::Article | Last::Mult) {
        return None;
    }
    let value = p.total + p.current;
    value.is_finite().then(|| PhraseOut {
        value,
        end,
        ordinal: p.ordinal,
        scale: (p.max_scale > 0.0).then_some(p.max_scale),
        lit: if p.last == Last::Digit { p.lit } else { None },
    })
}

fn is_int(x: f64) -> bool {
    x.fract() == 0.0
}

/// Does this token look like part of a number (used to reject a misread "and")?
fn looks_numeric(tok: &Token) -> bool {
    match &tok.tok {
        Tok::Num(..) | Tok::Frac(_) => true,
        Tok::Word(w) => {
            cardinal_word(w).is_some()
                || ordinal_word(w).is_some()
                || frac_word(w).is_some()
                || is_multiplicand(w)
        }
        _ => false,
    }
}

/// "a/b" written with digits (not a date "1/2/2020"); returns the value and the end.
fn digit_fraction(t: &[Token], i: usize) -> Option<(f64, usize)> {
    let (Tok::Num(a, la), Some(slash), Some(Tok::Num(b, lb))) =
        (&t[i].tok, t.get(i + 1), t.get(i + 2).map(|x| &x.tok))
    else {
        return None;
    };
    let date_like = t.get(i + 3).is_some_and(|x| x.is_sym('/'));
    // A fraction is proper or has a small denominator ("3/4", "7/4"); "145/90" (a blood
    // pressure) and "50/50" (a split) are two numbers, not their quotient.
    let fraction = a < b || *b <= 16.0;
    (slash.is_sym('/') && !la.contains('.') && !lb.contains('.') && *b != 0.0 && !date_like && fraction)
        .then_some((a / b, i + 3))
}

fn skip_hyphen(t: &[Token], i: usize) -> usize {
    if t.get(i).is_some_and(|x| x.is_sym('-')) {
        i + 1
    } else {
        i
    }
}

/// The fraction after "and": "a half", "one third", "three quarters", "1/2", "½".
fn and_fraction(t: &[Token], i: usize) -> Option<(f64, usize)> {
    let i = skip_hyphen(t, i);
    match &t.get(i)?.tok {
        Tok::Frac(f) => Some((*f, i + 1)),
        Tok::Num(..) => digit_fraction(t, i).filter(|(f, _)| *f < 1.0),
        Tok::Word(w) => {
            let num = match w.as_str() {
                "a" | "an" => 1.0,
                _ => match cardinal_word(w)? {
                    (v, Last::Unit) if v > 0.0 => v,
                    _ => return None,
                },
            };
            let k = skip_hyphen(t, i + 1);
            let (den, plural, pure) = frac_word(t.get(k)?.word()?)?;
            (plural || pure || num == 1.0).then_some((num / den, k + 1))
        }
        _ => None,
    }
}

/// Decimal shift of a digit literal by a power-of-ten scale, exact: ("8.1", 1e9) → 8.1e9.
fn shift_decimal(lit: &str, scale: f64) -> Option<f64> {
    let e = POW10.iter().position(|&p| p == scale)?;
    let (int, frac) = lit.split_once('.').unwrap_or((lit, ""));
    let k = e.min(frac.len());
    let mut s = String::with_capacity(lit.len() + e + 1);
    s.push_str(int);
    s.push_str(&frac[..k]);
    s.extend(std::iter::repeat_n('0', e - k));
    if k < frac.len() {
        s.push('.');
        s.push_str(&frac[k..]);
    }
    s.parse().ok()
}

impl<'a> Phrase<'a> {
    fn word_at(&self, k: usize) -> Option<&'a str> {
        self.t.get(k).and_then(Token::word)
    }

    fn set(&mut self, last: Last) {
        self.last = last;
        self.simple = false;
        self.lit = None;
    }

    fn run(&mut self, mut i: usize) -> usize {
        while i < self.t.len() && !self.ordinal {
            match self.step(i) {
                Some(j) => i = j,
                None => break,
            }
        }
        i
    }

    /// Consumes the token(s) at `i` if they continue the number; returns where to go on.
    fn step(&mut self, i: usize) -> Option<usize> {
        let t = self.t;
        match &t[i].tok {
            Tok::Num(v, lit) => self.num(i, *v, lit),
            Tok::Frac(f) => {
                match self.last {
                    Last::Start => self.current = *f,
                    Last::Digit if self.simple && is_int(self.current) => self.current += *f,
                    _ => return None,
                }
                self.set(Last::DigitFrac);
                Some(i + 1)
            }
            // A hyphen joins words of one number ("twenty-three", "two-thirds", "5-million");
            // anything else ("5-10", "five-six") leaves it to the range reader.
            Tok::Sym('-') if self.last != Last::Start => {
                let w = self.word_at(i + 1)?;
                let ok = if w == "and" {
                    self.takes_and_fraction() && and_fraction(t, i + 2).is_some()
                } else {
                    let mut probe = *self;
                    probe.word(i + 1, w).is_some()
                };
                ok.then_some(i + 1)
            }
            Tok::Word(w) => self.word(i, w),
            _ => None,
        }
    }

    fn num(&mut self, i: usize, v: f64, lit: &'a str) -> Option<usize> {
        if let Some((f, j)) = digit_fraction(self.t, i) {
            match self.last {
                Last::Start => self.current = f,
                // "2 1/2"
                Last::Digit if self.simple && is_int(self.current) && f < 1.0 && self.t[i].gap => {
                    self.current += f
                }
                _ => return None,
            }
            self.set(Last::DigitFrac);
            return Some(j);
        }
        if self.last != Last::Start {
            return None;
        }
        self.current = v;
        self.last = Last::Digit;
        self.simple = true;
        self.lit = Some(lit);
        Some(i + 1)
    }

    fn word(&mut self, i: usize, w: &'a str) -> Option<usize> {
        let next = i + 1;
        if let Some((v, cls)) = cardinal_word(w) {
            return self.small(v, cls).then_some(next);
        }
        if let Some((den, plural, pure)) = frac_word(w) {
            if self.fraction(den, plural, pure) {
                return Some(next);
            }
        }
        if let Some((v, cls)) = ordinal_word(w) {
            let ok = match cls {
                Last::Hundred => self.hundred(),
                Last::Scale => self.scale(v),
                _ => self.small(v, cls),
            };
            self.ordinal = ok;
            return ok.then_some(next);
        }
        if w == "hundred" {
            return self.hundred().then_some(next);
        }
        if let Some(s) = scale_word(w, self.last, !self.t[i].gap, self.m_reading) {
            return self.scale(s).then_some(next);
        }
        match w {
            "st" | "nd" | "rd" | "th" => {
                let ok = self.last == Last::Digit
                    && !self.t[i].gap
                    && is_int(self.current)
                    && self.current >= 0.0;
                self.ordinal = ok;
                ok.then_some(next)
            }
            "a" | "an" => self.article(i),
            "dozen" => self.dozen().then_some(next),
            "couple" => self.couple(i),
            "and" => self.and(i),
            "of" => self.of(i),
            "point" => self.point(i),
            "several" | "few" | "many" | "numerous" => {
                let ok = matches!(self.last, Last::Start | Last::Article)
                    && self.word_at(next).is_some_and(is_multiplicand);
                if ok {
                    self.current = 1.0;
                    self.set(Last::Mult);
                }
                ok.then_some(next)
            }
            _ => {
                let v = vague_plural(w)?;
                if self.last != Last::Start {
                    return None;
                }
                self.current = v;
                self.set(Last::Vague);
                Some(next)
            }
        }
    }

    /// zero..nineteen and twenty..ninety.
    fn small(&mut self, v: f64, cls: Last) -> bool {
        let ok = match self.last {
            Last::Start => true,
            Last::Tens => cls == Last::Unit && v > 0.0,
            Last::Hundred | Last::Scale | Last::And => v > 0.0,
            _ => false,
        };
        if ok {
            let first = self.last == Last::Start;
            self.set(cls);
            self.simple = first;
            self.current += v;
        }
        ok
    }

    fn hundred(&mut self) -> bool {
        match self.last {
            Last::Start => self.current = 100.0,
            Last::Unit
            | Last::Teen
            | Last::Tens
            | Last::Article
            | Last::Mult
            | Last::Digit
            | Last::DigitFrac
                if !self.hundred && self.current > 0.0 && self.current < 100.0 =>
            {
                self.current *= 100.0
            }
            _ => return false,
        }
        self.hundred = true;
        self.set(Last::Hundred);
        true
    }

    /// A scale word. A scale larger than all before multiplies everything read so far
    /// ("two thousand five hundred million" = 2.5e9); a smaller one closes the current group.
    fn scale(&mut self, s: f64) -> bool {
        let ok = match self.last {
            Last::Start => {
                self.current = 1.0;
                true
            }
            Last::Scale => s > self.max_scale,
            Last::Unit
            | Last::Teen
            | Last::Tens
            | Last::Hundred
            | Last::Article
            | Last::Mult
            | Last::Digit
            | Last::DigitFrac
            | Last::Frac
            | Last::Dozen => self.current > 0.0 && s != self.max_scale,
            _ => false,
        };
        if !ok {
            return false;
        }
        let exact = match (self.last, self.lit) {
            (Last::Digit, Some(lit)) if self.total == 0.0 => shift_decimal(lit, s),
            _ => None,
        };
        if let Some(v) = exact {
            self.total = v;
        } else if s > self.max_scale {
            self.total = (self.total + self.current) * s;
        } else {
            self.total += self.current * s;
        }
        self.max_scale = self.max_scale.max(s);
        self.current = 0.0;
        self.hundred = false;
        self.set(Last::Scale);
        true
    }

    fn dozen(&mut self) -> bool {
        match self.last {
            Last::Start => self.current = 12.0,
            Last::Article
            | Last::Mult
            | Last::Unit
            | Last::Teen
            | Last::Tens
            | Last::Digit
            | Last::DigitFrac
            | Last::Frac
                if self.current > 0.0 =>
            {
                self.current *= 12.0
            }
            _ => return false,
        }
        self.set(Last::Dozen);
        true
    }

    /// "half", "a third", "one half", "two thirds", "3 quarters". Bare singular ordinals
    /// ("third") and "twenty-third" are left to the ordinal reading.
    fn fraction(&mut self, den: f64, plural: bool, pure: bool) -> bool {
        let num = match self.last {
            Last::Start if pure && !plural => 1.0,
            Last::Article if !plural => 1.0,
            Last::Unit | Last::Teen | Last::Tens | Last::Digit
                if self.simple
                    && is_int(self.current)
                    && self.current > 0.0
                    && (plural || (self.last != Last::Tens && (pure || self.current == 1.0))) =>
            {
                self.current
            }
            _ => return false,
        };
        self.current = num / den;
        self.set(Last::Frac);
        true
    }

    fn article(&mut self, i: usize) -> Option<usize> {
        let nw = self.word_at(i + 1)?;
        match self.last {
            Last::Start => {
                let ok = is_multiplicand(nw)
                    || nw == "couple"
                    || nw == "few"
                    || frac_word(nw).is_some_and(|(_, plural, _)| !plural);
                if !ok {
                    return None;
                }
                self.current = 1.0;
                self.set(Last::Article);
                Some(i + 1)
            }
            // "half a million", "half a dozen"
            Last::Frac => is_multiplicand(nw).then_some(i + 1),
            _ => None,
        }
    }

    fn couple(&mut self, i: usize) -> Option<usize> {
        if !matches!(self.last, Last::Start | Last::Article) {
            return None;
        }
        self.current = 2.0;
        self.set(Last::Unit);
        // "a couple of hundred"
        if self.word_at(i + 1) == Some("of") && self.word_at(i + 2).is_some_and(is_multiplicand) {
            Some(i + 2)
        } else {
            Some(i + 1)
        }
    }

    fn takes_and_fraction(&self) -> bool {
        matches!(
            self.last,
            Last::Unit | Last::Teen | Last::Tens | Last::Digit
        ) && is_int(self.current)
    }

    fn and(&mut self, i: usize) -> Option<usize> {
        // "one and a half", "5 and three quarters"
        if self.takes_and_fraction() {
            if let Some((f, j)) = and_fraction(self.t, i + 1) {
                self.current += f;
                self.set(Last::Frac);
                return Some(j);
            }
        }
        // "one hundred and five", "a thousand and one": read on speculatively, and give the "and"
        // back when the number would stop on another number word ("one hundred and five hundred"
        // is two numbers).
        if matches!(self.last, Last::Hundred | Last::Scale) {
            let nw = self.word_at(i + 1)?;
            let small = cardinal_word(nw).or_else(|| {
                ordinal_word(nw).filter(|(_, c)| matches!(c, Last::Unit | Last::Teen | Last::Tens))
            });
            if small.is_some_and(|(v, _)| v > 0.0) {
                let mut spec = *self;
                spec.set(Last::And);
                let end = spec.run(i + 1);
                if spec.ordinal || !self.t.get(end).is_some_and(looks_numeric) {
                    *self = spec;
                    return Some(end);
                }
            }
        }
        None
    }

    fn of(&mut self, i: usize) -> Option<usize> {
        match self.last {
            // "tens of thousands", "hundreds of millions"
            Last::Vague => {
                self.current *= vague_plural(self.word_at(i + 1)?)?;
                Some(i + 2)
            }
            // "a quarter of a million"
            Last::Frac => {
                let k = if matches!(self.word_at(i + 1), Some("a" | "an")) {
                    i + 2
                } else {
                    i + 1
                };
                is_multiplicand(self.word_at(k)?).then_some(k)
            }
            _ => None,
        }
    }

    /// "three point five", "point two".
    fn point(&mut self, i: usize) -> Option<usize> {
        if !matches!(
            self.last,
            Last::Start | Last::Unit | Last::Teen | Last::Tens | Last::Hundred
        ) {
            return None;
        }
        let mut digits = String::from("0.");
        let mut k = i + 1;
        while let Some((v, Last::Unit)) = self.word_at(k).and_then(cardinal_word) {
            digits.push(char::from(b'0' + v as u8));
            k += 1;
        }
        if k == i + 1 {
            return None;
        }
        self.current += digits.parse::<f64>().ok()?;
        self.set(Last::DigitFrac);
        Some(k)
    }
}

// ================================================================================ amounts and ranges

/// A currency, unit or percent marker; `div` divides the number ("cents" → 100).
#[derive(Debug, Clone, Copy)]
struct Marker {
    kind: NumberKind,
    sym: &'static str,
    div: f64,
}

impl Marker {
    fn money(code: &'static str) -> Self {
        Marker {
            kind: NumberKind::Money,
            sym: code,
            div: 1.0,
        }
    }
}

/// One number with its currency/unit: one end of a range.
struct Amount<'a> {
    /// Signed value, before the marker's divisor.
    value: f64,
    neg: bool,
    lit: Option<&'a str>,
    scale: Option<f64>,
    ordinal: bool,
    marker: Option<Marker>,
    end: usize,
}

struct Ctx {
    hint: Option<NumberKind>,
    /// The span mentions yuan/RMB/renminbi: "¥" is CNY.
    yuan: bool,
}

/// Does `pat` match the tokens at `i`? See [`PERCENTS`] for the pattern syntax.
fn match_pat(t: &[Token], i: usize, pat: &str) -> Option<usize> {
    // Most patterns fail on their first word: compare it before splitting the pattern.
    if !pat.starts_with('^') {
        let mut buf = [0u8; 4];
        let first: &str = match &t.get(i)?.tok {
            Tok::Word(w) => w,
            Tok::Sym(c) => c.encode_utf8(&mut buf),
            _ => return None,
        };
        if !(pat.starts_with(first) && pat.as_bytes().get(first.len()).is_none_or(|&b| b == b' ')) {
            return None;
        }
    }
    let mut j = i;
    for (n, item) in pat.split(' ').enumerate() {
        let (item, attached) = match item.strip_prefix('^') {
            Some(s) => (s, true),
            None => (item, false),
        };
        if n > 0 && item != "/" && t.get(j).is_some_and(|x| x.is_sym('-')) {
            j += 1;
        }
        let tok = t.get(j)?;
        if attached && tok.gap {
            return None;
        }
        let ok = match &tok.tok {
            Tok::Word(w) => w == item,
            Tok::Sym(c) => {
                let mut cs = item.chars();
                cs.next() == Some(*c) && cs.next().is_none()
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        j += 1;
    }
    Some(j)
}

fn skip_modifiers(t: &[Token], mut i: usize) -> usize {
    loop {
        if t.get(i)
            .is_some_and(|x| matches!(x.tok, Tok::Sym('~' | '≈' | '<' | '>' | '≤' | '≥')))
        {
            i += 1;
            continue;
        }
        match MODIFIERS.iter().filter_map(|p| match_pat(t, i, p)).max() {
            Some(j) => i = j,
            None => return i,
        }
    }
}

/// A sign touching the number: "-5", "+3.2", "−$5".
fn sign(t: &[Token], i: usize) -> (bool, usize) {
    if let (Some(s), Some(n)) = (t.get(i), t.get(i + 1)) {
        let currency = matches!(n.tok, Tok::Sym(c) if symbol_currency(c).is_some());
        if (s.is_sym('-') || s.is_sym('+')) && !n.gap && (n.is_num() || currency) {
            return (s.is_sym('-'), i + 1);
        }
        // "minus 12 degrees", "negative two percent".
        let number_next = n.is_num() || n.word().is_some_and(|w| word_class(w) == Some("numword"));
        if matches!(s.word(), Some("minus" | "negative")) && number_next {
            return (true, i + 1);
        }
    }
    (false, i)
}

/// A currency before the number: "$", "US$", "$US", "HK $", "Rs.", "USD", "€". Returns the
/// marker, whether it is a generic symbol ("$", "¥") that a currency word after the number may
/// refine, and the end.
fn prefix_currency(t: &[Token], i: usize, ctx: &Ctx) -> Option<(Marker, bool, usize)> {
    let tok = t.get(i)?;
    match &tok.tok {
        // The Penn Treebank writes "£" as "#".
        Tok::Sym('#') if ctx.hint == Some(NumberKind::Money) => {
            Some((Marker::money("GBP"), false, i + 1))
        }
        Tok::Sym(c) => {
            let code = symbol_currency(*c)?;
            if *c == '$' {
                if let Some(w) = t.get(i + 1).filter(|x| !x.gap).and_then(Token::word) {
                    if let Some(code) = dollar_prefix(w) {
                        if t.get(i + 2).is_some_and(looks_numeric) {
                            return Some((Marker::money(code), false, i + 2));
                        }
                    }
                }
            }
            let code = if code == "JPY" && ctx.yuan {
                "CNY"
            } else {
                code
            };
            Some((Marker::money(code), matches!(c, '$' | '¥'), i + 1))
        }
        Tok::Word(w) => {
            let nx = t.get(i + 1)?;
            if nx.is_sym('$') && (!nx.gap || w.len() > 1) {
                return dollar_prefix(w).map(|code| (Marker::money(code), false, i + 2));
            }
            if nx.is_sym('¥') {
                let code = match w.as_str() {
                    "cn" | "rmb" => "CNY",
                    "jp" => "JPY",
                    _ => return None,
                };
                return Some((Marker::money(code), false, i + 2));
            }
            let code = match w.as_str() {
                "rs" => "INR",
                "ksh" | "kshs" => "KES",
                "rp" => "IDR",
                "rm" => "MYR",
                "dm" => "DEM",
                "sfr" => "CHF",
                "skr" => "SEK",
                "nkr" => "NOK",
                "dkr" => "DKK",
                _ => iso_code(w)?,
            };
            looks_numeric(nx).then_some((Marker::money(code), false, i + 1))
        }
        _ => None,
    }
}

/// The longest percent, currency or unit marker at `i`.
fn marker_at(t: &[Token], i: usize, ctx: &Ctx) -> Option<(Marker, usize)> {
    if ctx.hint == Some(NumberKind::Quantity) {
        if let Some(j) = ["pounds", "pound"].iter().find_map(|p| match_pat(t, i, p)) {
            return Some((
                Marker {
                    kind: NumberKind::Quantity,
                    sym: "lb",
                    div: 1.0,
                },
                j,
            ));
        }
    }
    // Most tokens start no marker at all, and the others only a few: look the token up among
    // the markers' first words, and try only the patterns that start with it.
    let iso = t.get(i).and_then(Token::word).and_then(iso_code);
    let candidates = t.get(i).and_then(marker_candidates).unwrap_or(&[]);
    if iso.is_none() && candidates.is_empty() {
        return None;
    }
    let mut best: Option<(Marker, usize)> = None;
    let mut consider = |pat: &str, m: Marker| {
        let end = if pat.is_empty() { Some(i + 1) } else { match_pat(t, i, pat) };
        if let Some(j) = end {
            // The longest wins; of equally long ones, the first tried (percent, money, code, unit).
            if best.is_none_or(|(_, b)| j > b) {
                best = Some((m, j));
            }
        }
    };
    for &src in candidates {
        match src {
            MarkerSource::Percent(k) => {
                let (p, u) = PERCENTS[k as usize];
                consider(p, Marker { kind: NumberKind::Percent, sym: u, div: 1.0 });
            }
            MarkerSource::Money(k) => {
                let (p, code, div) = CURRENCIES[k as usize];
                let code = if code == "JPY" && p == "¥" && ctx.yuan { "CNY" } else { code };
                consider(p, Marker { kind: NumberKind::Money, sym: code, div });
            }
            MarkerSource::Unit(_) => {}
        }
    }
    if let Some(code) = iso {
        consider("", Marker::money(code));
    }
    for &src in candidates {
        if let MarkerSource::Unit(k) = src {
            let (p, u) = UNITS[k as usize];
            consider(p, Marker { kind: NumberKind::Quantity, sym: u, div: 1.0 });
        }
    }
    best
}

/// Where a marker pattern is listed.
#[derive(Clone, Copy)]
enum MarkerSource {
    Percent(u16),
    Money(u16),
    Unit(u16),
}

/// The percent, currency and unit patterns that can start at this token, in the order the
/// tables list them (percents, currencies, units).
fn marker_candidates(tok: &Token) -> Option<&'static [MarkerSource]> {
    type HashMap<K, V> = std::collections::HashMap<K, V, crate::hash::FnvBuild>;
    use std::sync::OnceLock;
    static FIRST: OnceLock<HashMap<&'static str, Vec<MarkerSource>>> = OnceLock::new();
    let first = FIRST.get_or_init(|| {
        let pats = PERCENTS.iter().enumerate().map(|(k, p)| (p.0, MarkerSource::Percent(k as u16)))
            .chain(CURRENCIES.iter().enumerate().map(|(k, c)| (c.0, MarkerSource::Money(k as u16))))
            .chain(UNITS.iter().enumerate().map(|(k, u)| (u.0, MarkerSource::Unit(k as u16))));
        let mut m: HashMap<&'static str, Vec<MarkerSource>> = HashMap::default();
        for (p, src) in pats {
            if let Some(f) = p.split(' ').next() {
                m.entry(f.trim_start_matches('^')).or_default().push(src);
            }
        }
        m
    });
    match &tok.tok {
        Tok::Word(w) => first.get(w.as_str()),
        Tok::Sym(c) => {
            let mut b = [0u8; 4];
            first.get(&*c.encode_utf8(&mut b))
        }
        _ => None,
    }
    .map(Vec::as_slice)
}

/// A marker after the number, possibly after a hyphen ("25-km") or "of" ("millions of dollars").
fn suffix_marker(t: &[Token], i: usize, ctx: &Ctx) -> Option<(Marker, usize)> {
    let mut j = i;
    if t.get(j).is_some_and(|x| x.is_sym('-')) && t.get(j + 1).is_some_and(|x| x.word().is_some()) {
        j += 1;
    }
    marker_at(t, j, ctx).or_else(|| {
        if t.get(j).and_then(Token::word) == Some("of") {
            marker_at(t, j + 1, ctx)
        } else {
            None
        }
    })
}

/// One number with its modifiers, sign, currency and unit.
fn amount<'a>(t: &'a [Token], i: usize, ctx: &Ctx) -> Option<Amount<'a>> {
    let mut i = skip_modifiers(t, i);
    // "a $5 million deal"
    if matches!(t.get(i).and_then(Token::word), Some("a" | "an"))
        && t.get(i + 1)
            .is_some_and(|x| x.gap && matches!(x.tok, Tok::Sym(c) if symbol_currency(c).is_some()))
    {
        i += 1;
    }
    let (neg1, j) = sign(t, i);
    let prefix = prefix_currency(t, j, ctx);
    let j = prefix.map_or(j, |p| p.2);
    let (neg2, j) = sign(t, j);
    // "1.5m tonnes": an "m" right before a unit is the scale, not metres.
    let m_before_unit = t.iter().skip(j).take(4).enumerate().any(|(k, x)| x.word() == Some("m") && t.get(j + k + 1).and_then(Token::word).is_some_and(|u| u != "m" && UNITS.iter().any(|(p, _)| *p == u)));
    let m_reading = if prefix.is_some() || ctx.hint == Some(NumberKind::Money) || m_before_unit {
        MReading::Million
    } else if ctx.hint == Some(NumberKind::Quantity) {
        MReading::Metres
    } else {
        MReading::MillionIfAttached
    };
    let (value, scale, ordinal, lit, mut end) = match phrase(t, j, m_reading) {
        Some(p) => (p.value, p.scale, p.ordinal, p.lit, p.end),
        // "a dollar", "an acre"
        None if prefix.is_none()
            && matches!(t.get(j).and_then(Token::word), Some("a" | "an"))
            && suffix_marker(t, j + 1, ctx).is_some() =>
        {
            (1.0, None, false, None, j + 1)
        }
        None => return None,
    };
    let mut marker = prefix.map(|p| p.0);
    if !ordinal {
        if let Some((m, k)) = suffix_marker(t, end, ctx) {
            match prefix {
                None => {
                    marker = Some(m);
                    end = k;
                }
                // "$5 million Hong Kong dollars": the words refine a bare "$".
                Some((_, generic, _)) if m.kind == NumberKind::Money => {
                    if generic {
                        marker = Some(m);
                    }
                    end = k;
                }
                Some(_) => {}
            }
        }
    }
    let neg = neg1 != neg2;
    Some(Amount {
        value: if neg { -value } else { value },
        neg,
        lit,
        scale,
        ordinal,
        marker,
        end,
    })
}

/// A range separator after the low end: "-", "–", "to", "or", "through" ("and" after "between").
fn range_sep(t: &[Token], k: usize, between: bool) -> Option<usize> {
    let tok = t.get(k)?;
    let ok = match &tok.tok {
        Tok::Sym('-' | '–') => true,
        Tok::Word(w) => {
            matches!(w.as_str(), "to" | "or" | "through" | "thru") || (between && w == "and")
        }
        _ => false,
    };
    ok.then_some(k + 1)
}

fn parse_tokens(t: &[Token], hint: Option<NumberKind>) -> Option<NumberValue> {
    let ctx = Ctx {
        hint,
        yuan: t
            .iter()
            .any(|x| matches!(x.word(), Some("yuan" | "rmb" | "renminbi"))),
    };
    let mut i = skip_modifiers(t, 0);
    let first = t.get(i).and_then(Token::word);
    let between = first == Some("between");
    if between || first == Some("from") {
        i += 1;
    }
    if between {
        // "between one hundred and five hundred": split at the first "and" that leaves a whole
        // number on the left.
        for k in (i..t.len())
            .filter(|&k| t[k].word() == Some("and"))
            .take(16)
        {
            if let Some(lo) = amount(&t[..k], i, &ctx).filter(|a| a.end == k) {
                if let Some(hi) = amount(t, k + 1, &ctx) {
                    return range(lo, hi, hint);
                }
            }
        }
    }
    let lo = amount(t, i, &ctx)?;
    // "145/90": digits, a slash and digits that make no fraction are two numbers with no one value.
    if t.get(lo.end).is_some_and(|x| x.is_sym('/')) && t.get(lo.end + 1).is_some_and(|x| matches!(x.tok, Tok::Num(..))) {
        return None;
    }
    if let Some(j) = range_sep(t, lo.end, between) {
        if let Some(hi) = amount(t, j, &ctx) {
            return range(lo, hi, hint);
        }
    }
    let value = lo.value / lo.marker.map_or(1.0, |m| m.div);
    finish(lo.marker, lo.ordinal, value, None, hint)
}

/// Joins the two ends of a range: markers and (where sensible) the scale are shared.
fn range(lo: Amount, hi: Amount, hint: Option<NumberKind>) -> Option<NumberValue> {
    let mut low = lo.value;
    if let (None, Some(s)) = (lo.scale, hi.scale) {
        if low.abs() <= (hi.value / s).abs() {
            low = match lo.lit.and_then(|l| shift_decimal(l, s)) {
                Some(v) => {
                    if lo.neg {
                        -v
                    } else {
                        v
                    }
                }
                None => low * s,
            };
        }
    }
    let lm = lo.marker.or(hi.marker);
    let hm = hi.marker.or(lo.marker);
    let low = low / lm.map_or(1.0, |m| m.div);
    let high = hi.value / hm.map_or(1.0, |m| m.div);
    finish(lm, lo.ordinal || hi.ordinal, low, Some(high), hint)
}

fn finish(
    marker: Option<Marker>,
    ordinal: bool,
    value: f64,
    high: Option<f64>,
    hint: Option<NumberKind>,
) -> Option<NumberValue> {
    if !value.is_finite() || !high.is_none_or(f64::is_finite) {
        return None;
    }
    let kind = match marker {
        Some(m) => m.kind,
        None if ordinal => NumberKind::Ordinal,
        // A fraction is no ordinal: "a third" tagged ORDINAL is still the number 1/3.
        None if hint == Some(NumberKind::Ordinal) && value.fract() != 0.0 => NumberKind::Cardinal,
        None => hint.unwrap_or(NumberKind::Cardinal),
    };
    let (unit, currency) = match marker {
        Some(m) if m.kind == NumberKind::Money => (None, Some(m.sym.to_string())),
        Some(m) => (Some(m.sym.to_string()), None),
        None if kind == NumberKind::Percent => (Some("percent".to_string()), None),
        None => (None, None),
    };
    Some(NumberValue {
        kind,
        value,
        low: high.map(|_| value),
        high,
        unit,
        currency,
    })
}

// ================================================================================ tests

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use NumberKind::*;

    /// One expected parse of the example table.
    struct Case {
        text: &'static str,
        hint: Option<NumberKind>,
        kind: NumberKind,
        value: f64,
        range: Option<(f64, f64)>,
        unit: Option<&'static str>,
        currency: Option<&'static str>,
    }

    fn c(text: &'static str, kind: NumberKind, value: f64) -> Case {
        Case {
            text,
            hint: None,
            kind,
            value,
            range: None,
            unit: None,
            currency: None,
        }
    }

    impl Case {
        fn hint(mut self, h: NumberKind) -> Self {
            self.hint = Some(h);
            self
        }
        fn unit(mut self, u: &'static str) -> Self {
            self.unit = Some(u);
            self
        }
        fn cur(mut self, code: &'static str) -> Self {
            self.currency = Some(code);
            self
        }
        /// A range; the value is the low end.
        fn to(mut self, high: f64) -> Self {
            self.range = Some((self.value, high));
            self
        }
    }

    /// Exact for whole numbers; relative 1e-12 where decimals are involved.
    fn same(got: f64, want: f64) -> bool {
        if want.fract() == 0.0 {
            got == want
        } else {
            got == want || (got - want).abs() <= 1e-12 * want.abs()
        }
    }

    fn check(case: &Case) -> Result<(), String> {
        let got = parse_value(case.text, case.hint)
            .ok_or_else(|| format!("{:?}: no value", case.text))?;
        let (low, high) = match case.range {
            Some((l, h)) => (Some(l), Some(h)),
            None => (None, None),
        };
        let opt_same = |g: Option<f64>, w: Option<f64>| match (g, w) {
            (Some(g), Some(w)) => same(g, w),
            (None, None) => true,
            _ => false,
        };
        let ok = got.kind == case.kind
            && same(got.value, case.value)
            && opt_same(got.low, low)
            && opt_same(got.high, high)
            && got.unit.as_deref() == case.unit
            && got.currency.as_deref() == case.currency;
        if ok {
            Ok(())
        } else {
            Err(format!(
                "{:?} (hint {:?}): got {:?}, want kind {:?} value {} range {:?} unit {:?} currency {:?}",
                case.text, case.hint, got, case.kind, case.value, case.range, case.unit, case.currency
            ))
        }
    }

    fn run_table(cases: &[Case]) {
        let failures: Vec<String> = cases.iter().filter_map(|c| check(c).err()).collect();
        assert!(
            failures.is_empty(),
            "{} of {} failed:\n{}",
            failures.len(),
            cases.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn digits_and_separators() {
        run_table(&[
            c("5,200", Cardinal, 5200.0),
            c("1.25", Cardinal, 1.25),
            c(".5", Cardinal, 0.5),
            c("0", Cardinal, 0.0),
            c("34 000", Cardinal, 34000.0),
            c("34\u{2009}000", Cardinal, 34000.0),
            c("1\u{202F}234\u{202F}567", Cardinal, 1234567.0),
            c("12\u{A0}500", Cardinal, 12500.0),
            c("1,234,567.89", Cardinal, 1234567.89),
            c("2,500,000", Cardinal, 2.5e6),
            // A decimal comma; not a list of digits.
            c("0,8%", Percent, 0.8).unit("percent"),
            c("4,75", Cardinal, 4.75),
            // The Indian grouping (lakhs and crores).
            c("1,99,999", Cardinal, 199999.0),
            c("12,34,56,789", Cardinal, 123456789.0),
            c("1,00,000 rupees", Money, 1e5).cur("INR"),
            c("-5", Cardinal, -5.0),
            c("+3.2", Cardinal, 3.2),
            c("\u{2212}7", Cardinal, -7.0),
            c("1990", Cardinal, 1990.0),
        ]);
    }

    #[test]
    fn spelled_numbers() {
        run_table(&[
            c("one hundred and five", Cardinal, 105.0),
            c("one hundred five", Cardinal, 105.0),
            c("twenty-three", Cardinal, 23.0),
            c("twenty - three", Cardinal, 23.0),
            c("twenty three", Cardinal, 23.0),
            c("forty eight", Cardinal, 48.0),
            c("zero", Cardinal, 0.0),
            c("nineteen hundred", Cardinal, 1900.0),
            c("twenty-five hundred", Cardinal, 2500.0),
            c("one thousand two hundred thirty-four", Cardinal, 1234.0),
            c("three million five hundred thousand", Cardinal, 3.5e6),
            c("a hundred", Cardinal, 100.0),
            c("a thousand", Cardinal, 1000.0),
            c("a thousand and one", Cardinal, 1001.0),
            c("one hundred and five thousand", Cardinal, 105000.0),
            c("three point five", Cardinal, 3.5),
            c("Twenty-Three", Cardinal, 23.0),
        ]);
    }

    #[test]
    fn dozens_and_vague_plurals() {
        run_table(&[
            c("a dozen", Cardinal, 12.0),
            c("two dozen", Cardinal, 24.0),
            c("half a dozen", Cardinal, 6.0),
            c("dozens", Cardinal, 12.0),
            c("tens", Cardinal, 10.0),
            c("hundreds", Cardinal, 100.0),
            c("thousands", Cardinal, 1000.0),
            c("millions", Cardinal, 1e6),
            c("tens of thousands", Cardinal, 1e4),
            c("hundreds of thousands", Cardinal, 1e5),
            c("several hundred", Cardinal, 100.0),
            c("a few thousand", Cardinal, 1000.0),
            c("a couple", Cardinal, 2.0),
            c("a couple of hundred", Cardinal, 200.0),
            c("hundreds of millions of dollars", Money, 1e8).cur("USD"),
        ]);
    }

    #[test]
    fn fractions() {
        run_table(&[
            c("half", Cardinal, 0.5),
            c("a quarter of a million", Cardinal, 250000.0),
            c("half a million", Cardinal, 500000.0),
            c("a half", Cardinal, 0.5),
            c("a third", Cardinal, 1.0 / 3.0),
            c("one third", Cardinal, 1.0 / 3.0),
            c("two thirds", Cardinal, 2.0 / 3.0),
            c("two-thirds", Cardinal, 2.0 / 3.0),
            c("three-quarters", Cardinal, 0.75),
            c("three quarters", Cardinal, 0.75),
            c("a quarter", Cardinal, 0.25),
            c("one and a half", Cardinal, 1.5),
            c("one-and-a-half", Cardinal, 1.5),
            c("5 and a half", Cardinal, 5.5),
            c("two and three quarters", Cardinal, 2.75),
            c("half a million", Cardinal, 5e5),
            c("a quarter of a million", Cardinal, 250000.0),
            c("two and a half million", Cardinal, 2.5e6),
            c("1/5", Cardinal, 0.2),
            c("3/4", Cardinal, 0.75),
            c("7/4", Cardinal, 1.75),
            c("2 1/2", Cardinal, 2.5),
            c("½", Cardinal, 0.5),
            c("2½", Cardinal, 2.5),
            c("almost half", Cardinal, 0.5),
            c("more than a third", Cardinal, 1.0 / 3.0),
        ]);
    }

    #[test]
    fn scales() {
        run_table(&[
            c("$4.5bn", Money, 4.5e9).cur("USD"),
            c("4.5 bn", Cardinal, 4.5e9),
            c("80 mln", Cardinal, 8e7),
            c("€40m", Money, 4e7).cur("EUR"),
            c("SKr29", Money, 29.0).cur("SEK"),
            c("NKr 1.5 billion", Money, 1.5e9).cur("NOK"),
            // "m" glued to digits is million; spaced, without a currency, metres.
            c("5m", Cardinal, 5e6),
            c("£5 m", Money, 5e6).cur("GBP"),
            c("8,849 m", Quantity, 8849.0).unit("m"),
            c("£8.1bn", Money, 8.1e9).cur("GBP"),
            c("$1.25 Trillion", Money, 1.25e12).cur("USD"),
            c("$ 1.25 billion", Money, 1.25e9).cur("USD"),
            c("3 million", Cardinal, 3e6),
            c("3mn", Cardinal, 3e6),
            c("100k", Cardinal, 1e5),
            c("$4.5b", Money, 4.5e9).cur("USD"),
            c("1.2 tn", Cardinal, 1.2e12),
            c("7 trn", Cardinal, 7e12),
            c("5 lakh", Cardinal, 5e5),
            c("Rs 5 crore", Money, 5e7).cur("INR"),
            c("2.5 crore rupees", Money, 2.5e7).cur("INR"),
            c("12 lakhs", Cardinal, 1.2e6),
            c("2.3 million", Cardinal, 2.3e6),
            c("0.1 million", Cardinal, 1e5),
            c("5-million", Cardinal, 5e6),
            c("a million dollars", Money, 1e6).cur("USD"),
        ]);
    }

    #[test]
    fn money() {
        run_table(&[
            c("US$5", Money, 5.0).cur("USD"),
            c("US $ 8 million", Money, 8e6).cur("USD"),
            c("U.S. $8 million", Money, 8e6).cur("USD"),
            c("A$3", Money, 3.0).cur("AUD"),
            c("AU$ 3", Money, 3.0).cur("AUD"),
            c("C$10", Money, 10.0).cur("CAD"),
            c("CA$10", Money, 10.0).cur("CAD"),
            c("HK$ 2 billion", Money, 2e9).cur("HKD"),
            c("NT$ 500 million", Money, 5e8).cur("TWD"),
            c("S$7", Money, 7.0).cur("SGD"),
            c("$US5 million", Money, 5e6).cur("USD"),
            c("€ 40", Money, 40.0).cur("EUR"),
            c("£8", Money, 8.0).cur("GBP"),
            c("¥500", Money, 500.0).cur("JPY"),
            c("¥ 5 billion yuan", Money, 5e9).cur("CNY"),
            c("₹500", Money, 500.0).cur("INR"),
            c("Rs 500", Money, 500.0).cur("INR"),
            c("Rs. 500", Money, 500.0).cur("INR"),
            c("Rs.500", Money, 500.0).cur("INR"),
            c("USD 5", Money, 5.0).cur("USD"),
            c("5 USD", Money, 5.0).cur("USD"),
            c("2,500 $", Money, 2500.0).cur("USD"),
            c("EUR 40m", Money, 4e7).cur("EUR"),
            c("5 dollars", Money, 5.0).cur("USD"),
            c("twenty dollars", Money, 20.0).cur("USD"),
            c("a dollar", Money, 1.0).cur("USD"),
            c("10 euros", Money, 10.0).cur("EUR"),
            c("20 pounds", Money, 20.0).cur("GBP"),
            c("20 pounds sterling", Money, 20.0).cur("GBP"),
            c("100 yen", Money, 100.0).cur("JPY"),
            c("5 million yuan", Money, 5e6).cur("CNY"),
            c("3 billion renminbi", Money, 3e9).cur("CNY"),
            c("RMB 3 billion", Money, 3e9).cur("CNY"),
            c("500 rupees", Money, 500.0).cur("INR"),
            c("3.9 trillion shillings", Money, 3.9e12).cur("KES"),
            c("KSh 500", Money, 500.0).cur("KES"),
            c("Ksh 1,200", Money, 1200.0).cur("KES"),
            c("UGX 5,000", Money, 5000.0).cur("UGX"),
            c("20,000 Tanzania shillings", Money, 20000.0).cur("TZS"),
            c("50 cents", Money, 0.5).cur("USD"),
            c("50¢", Money, 0.5).cur("USD"),
            c("50p", Money, 0.5).cur("GBP"),
            c("5 US dollars", Money, 5.0).cur("USD"),
            c("5 million Hong Kong dollars", Money, 5e6).cur("HKD"),
            c("3 Canadian dollars", Money, 3.0).cur("CAD"),
            c("3 Australian dollars", Money, 3.0).cur("AUD"),
            c("1.5 billion NT dollars", Money, 1.5e9).cur("TWD"),
            c("40 Swiss francs", Money, 40.0).cur("CHF"),
            c("100 rubles", Money, 100.0).cur("RUB"),
            c("100 roubles", Money, 100.0).cur("RUB"),
            c("5 billion won", Money, 5e9).cur("KRW"),
            c("DM 5 million", Money, 5e6).cur("DEM"),
            c("# 50 million", Money, 5e7).cur("GBP").hint(Money),
            c("$ 8 3/4", Money, 8.75).cur("USD"),
            c("$ 8 3\\/4", Money, 8.75).cur("USD"),
            c("5 million", Money, 5e6).hint(Money),
        ]);
    }

    #[test]
    fn percent() {
        run_table(&[
            c("12%", Percent, 12.0).unit("percent"),
            c("12 %", Percent, 12.0).unit("percent"),
            c("12 percent", Percent, 12.0).unit("percent"),
            c("12 per cent", Percent, 12.0).unit("percent"),
            c("12 pct", Percent, 12.0).unit("percent"),
            c("12pc", Percent, 12.0).unit("percent"),
            c("twelve percent", Percent, 12.0).unit("percent"),
            c("0.5%", Percent, 0.5).unit("percent"),
            c("-3.5%", Percent, -3.5).unit("percent"),
            c("3.2 percentage points", Percent, 3.2).unit("percentage points"),
            c("25 basis points", Percent, 25.0).unit("basis points"),
            c("12", Percent, 12.0).unit("percent").hint(Percent),
            c("12%", Percent, 12.0).unit("percent").hint(Cardinal),
        ]);
    }

    #[test]
    fn one_hundredth_is_a_fraction() {
        // Spelled like the ordinal of 100, but "one hundredth of a second" is what news means;
        // "two hundredth" can only be an ordinal.
        for (t, value) in [("one hundredth", 0.01), ("one thousandth", 0.001), ("a hundredth", 0.01), ("two hundredths", 0.02)] {
            assert_eq!(parse_value(t, None).map(|v| (v.kind, v.value)), Some((Cardinal, value)), "{t}");
        }
        assert_eq!(parse_value("two hundredth", None).map(|v| (v.kind, v.value)), Some((Ordinal, 200.0)));
    }

    #[test]
    fn short_measures_keep_to_their_forms() {
        // A lower-case "c" is cents, a spaced capital no scale; the smaller unit must be smaller.
        assert_eq!(parse_value("50c", None).map(|v| v.unit), Some(None));
        // Two numbers across a slash that make no fraction: a blood pressure, a split.
        for t in ["145/90", "130/80 mmHg", "50/50"] {
            assert!(parse_value(t, None).is_none(), "{t}");
        }
        assert!(parse_value("30 C", None).is_none_or(|v| v.unit.as_deref() != Some("°C")));
        assert!(parse_value("5ft 14in", None).is_none_or(|v| v.unit.as_deref() == Some("ft")));
        assert!(parse_value("1234567C", None).is_none_or(|v| v.unit.is_none()));
        assert_eq!(parse_value("9th", None).map(|v| v.kind), Some(Ordinal));
    }

    #[test]
    fn quantities() {
        let q = |text, value, unit| c(text, Quantity, value).unit(unit);
        run_table(&[
            q("25 km", 25.0, "km"),
            q("25 km north", 25.0, "km"),
            // "m" before a unit is millions of that unit.
            c("1.5m tonnes", Quantity, 1.5e6).hint(Quantity).unit("t"),
            q("25-km", 25.0, "km"),
            q("25-kilometre", 25.0, "km"),
            q("3-nanometre", 3.0, "nm"),
            c("20-25C", Quantity, 20.0).to(25.0).unit("°C"),
            c("20 to 25C", Quantity, 20.0).to(25.0).unit("°C"),
            c("70-80F", Quantity, 70.0).to(80.0).unit("°F"),
            q("5 nm", 5.0, "nm"),
            q("10 microns", 10.0, "µm"),
            q("2 tsp", 2.0, "tsp"),
            q("3 tablespoons", 3.0, "tbsp"),
            q("25 kilometres", 25.0, "km"),
            q("25 kilometers", 25.0, "km"),
            q("10 miles", 10.0, "mi"),
            q("5 kg", 5.0, "kg"),
            q("5 kilograms", 5.0, "kg"),
            q("3 tonnes", 3.0, "t"),
            q("3 tons", 3.0, "t"),
            q("3 metric tons", 3.0, "t"),
            q("5 pounds", 5.0, "lb").hint(Quantity),
            q("5 million barrels", 5e6, "barrel"),
            q("1,000 barrels per day", 1000.0, "barrel/d"),
            q("2 litres", 2.0, "L"),
            q("2 liters", 2.0, "L"),
            q("30 °C", 30.0, "°C"),
            q("-5°C", -5.0, "°C"),
            // Short forms: a glued scale letter, stone, two units of one measure.
            q("30C", 30.0, "°C"),
            q("2.5C", 2.5, "°C"),
            q("-5C", -5.0, "°C"),
            q("−12C", -12.0, "°C"),
            q("minus 12C", -12.0, "°C"),
            q("Minus 3F", -3.0, "°F"),
            q("86F", 86.0, "°F"),
            q("9st", 9.0, "st"),
            q("12 stone", 12.0, "st"),
            q("5ft 10in", 70.0, "in"),
            q("6 feet 4 inches", 76.0, "in"),
            q("9st 4lb", 130.0, "lb"),
            q("2lb 3oz", 35.0, "oz"),
            q("30 degrees Celsius", 30.0, "°C"),
            q("98.6 degrees Fahrenheit", 98.6, "°F"),
            q("30 degrees", 30.0, "°"),
            q("100 square metres", 100.0, "m²"),
            q("500 square kilometers", 500.0, "km²"),
            q("500 sq. km", 500.0, "km²"),
            q("20 square miles", 20.0, "mi²"),
            q("1,000 acres", 1000.0, "acre"),
            q("50 hectares", 50.0, "ha"),
            q("6 feet", 6.0, "ft"),
            q("1 foot", 1.0, "ft"),
            q("12 inches", 12.0, "in"),
            q("100 metres", 100.0, "m"),
            q("100m", 100.0, "m").hint(Quantity),
            q("15 centimetres", 15.0, "cm"),
            q("5 mm", 5.0, "mm"),
            q("100 yards", 100.0, "yd"),
            q("60 mph", 60.0, "mph"),
            q("100 km/h", 100.0, "km/h"),
            q("500 megawatts", 500.0, "MW"),
            q("2 gigawatts", 2.0, "GW"),
            q("1.2 GW", 1.2, "GW"),
            q("300 kWh", 300.0, "kWh"),
            q("2,000 calories", 2000.0, "cal"),
            q("5 ounces", 5.0, "oz"),
            q("30 knots", 30.0, "kn"),
            q("5 million tonnes", 5e6, "t"),
            q("an acre", 1.0, "acre"),
        ]);
    }

    #[test]
    fn ordinals() {
        run_table(&[
            c("1st", Ordinal, 1.0),
            c("21st", Ordinal, 21.0),
            c("2nd", Ordinal, 2.0),
            c("3rd", Ordinal, 3.0),
            c("4th", Ordinal, 4.0),
            c("111th", Ordinal, 111.0),
            c("1,000th", Ordinal, 1000.0),
            c("first", Ordinal, 1.0),
            c("the first", Ordinal, 1.0),
            c("second", Ordinal, 2.0),
            c("third", Ordinal, 3.0),
            c("twentieth", Ordinal, 20.0),
            c("twenty-first", Ordinal, 21.0),
            c("thirty - second", Ordinal, 32.0),
            c("hundredth", Ordinal, 100.0),
            c("one hundred and first", Ordinal, 101.0),
            c("3", Ordinal, 3.0).hint(Ordinal),
        ]);
    }

    #[test]
    fn ranges() {
        run_table(&[
            c("5-10", Cardinal, 5.0).to(10.0),
            c("5 - 10", Cardinal, 5.0).to(10.0),
            c("5 to 10", Cardinal, 5.0).to(10.0),
            c("between 5 and 10", Cardinal, 5.0).to(10.0),
            c("from 5 to 10", Cardinal, 5.0).to(10.0),
            c("two or three", Cardinal, 2.0).to(3.0),
            c("twenty-five to thirty", Cardinal, 25.0).to(30.0),
            c("between one hundred and five hundred", Cardinal, 100.0).to(500.0),
            c("5 to 10 million", Cardinal, 5e6).to(1e7),
            c("2.3 to 2.5 million", Cardinal, 2.3e6).to(2.5e6),
            c("500,000 to 1 million", Cardinal, 5e5).to(1e6),
            c("$5-$10 billion", Money, 5e9).to(1e10).cur("USD"),
            c("$5-10", Money, 5.0).to(10.0).cur("USD"),
            c("between $1.2 and $1.5 billion", Money, 1.2e9)
                .to(1.5e9)
                .cur("USD"),
            c("1.5 to 2 billion dollars", Money, 1.5e9)
                .to(2e9)
                .cur("USD"),
            c("50-60 cents", Money, 0.5).to(0.6).cur("USD"),
            c("10–12%", Percent, 10.0).to(12.0).unit("percent"),
            c("20 to 30 percent", Percent, 20.0)
                .to(30.0)
                .unit("percent"),
            c("5-10 km", Quantity, 5.0).to(10.0).unit("km"),
            c("between 40 and 50 degrees", Quantity, 40.0)
                .to(50.0)
                .unit("°"),
            c("-5 to -10", Cardinal, -5.0).to(-10.0),
            c("about 5 to 10", Cardinal, 5.0).to(10.0),
        ]);
    }

    #[test]
    fn modifiers() {
        run_table(&[
            c("about 5", Cardinal, 5.0),
            c("no fewer than 12", Cardinal, 12.0),
            c("around 20", Cardinal, 20.0),
            c("approximately 3", Cardinal, 3.0),
            c("roughly 4", Cardinal, 4.0),
            c("some 1,000", Cardinal, 1000.0),
            c("nearly 2 million", Cardinal, 2e6),
            c("over 100", Cardinal, 100.0),
            c("more than 5,000", Cardinal, 5000.0),
            c("less than 10%", Percent, 10.0).unit("percent"),
            c("fewer than 20", Cardinal, 20.0),
            c("up to 30", Cardinal, 30.0),
            c("at least $5 million", Money, 5e6).cur("USD"),
            c("at most 3", Cardinal, 3.0),
            c("as many as 300", Cardinal, 300.0),
            c("as much as $2 billion", Money, 2e9).cur("USD"),
            c("as few as 10", Cardinal, 10.0),
            c("as little as 5 percent", Percent, 5.0).unit("percent"),
            c("only 3", Cardinal, 3.0),
            c("just 2", Cardinal, 2.0),
            c("an estimated 10,000", Cardinal, 10000.0),
            c("a total of 15", Cardinal, 15.0),
            c("another 5", Cardinal, 5.0),
            c("an additional 200", Cardinal, 200.0),
            c("under 18", Cardinal, 18.0),
            c("below 5 %", Percent, 5.0).unit("percent"),
            c("above 50", Cardinal, 50.0),
            c("close to 1,000", Cardinal, 1000.0),
            c("upwards of 500", Cardinal, 500.0),
            c("well over 1,000", Cardinal, 1000.0),
            c("~300", Cardinal, 300.0),
        ]);
    }

    #[test]
    fn unreadable_spans_have_no_value() {
        for text in [
            "",
            "   ",
            "several",
            "many",
            "a few",
            "some",
            "abc",
            "COVID",
            "COVID-19",
            "$",
            "%",
            "-",
            "thirds",
            "between and",
            "and",
            "a",
            "the",
            "numerous",
            "dozen dozen",
            "\u{0}",
            "½/0",
        ] {
            let got = parse_value(text, None);
            let ok = match text {
                // "dozen dozen" is read as 12 (the second "dozen" is trailing junk); "½/0", a
                // slash and digits after a number, is two numbers with no value.
                "dozen dozen" => got.is_some(),
                _ => got.is_none(),
            };
            assert!(ok, "{text:?} -> {got:?}");
        }
        assert_eq!(parse_value("several", Some(Cardinal)), None);
    }

    #[test]
    fn ambiguous_words_follow_the_hint() {
        let v = parse_value("5 pounds", None).unwrap();
        assert_eq!((v.kind, v.currency.as_deref()), (Money, Some("GBP")));
        let v = parse_value("5 pounds", Some(Quantity)).unwrap();
        assert_eq!((v.kind, v.unit.as_deref()), (Quantity, Some("lb")));
        let v = parse_value("100m", None).unwrap();
        assert_eq!((v.kind, v.value), (Cardinal, 1e8));
        let v = parse_value("€100m", Some(Quantity)).unwrap();
        assert_eq!(
            (v.kind, v.value, v.currency.as_deref()),
            (Money, 1e8, Some("EUR"))
        );
        // An ordinal hint does not make a fraction an ordinal.
        assert_eq!(parse_value("a third", Some(Ordinal)).map(|v| (v.kind, v.value)), Some((Cardinal, 1.0 / 3.0)));
        assert_eq!(parse_value("third", Some(Ordinal)).map(|v| (v.kind, v.value)), Some((Ordinal, 3.0)));
        // Sign words.
        assert_eq!(parse_value("minus 12 degrees Fahrenheit", None).map(|v| (v.kind, v.value, v.unit)), Some((Quantity, -12.0, Some("°F".to_string()))));
        assert_eq!(parse_value("negative two percent", None).map(|v| v.value), Some(-2.0));
        // "b" is billion only when attached.
        assert_eq!(parse_value("4.5 b", None).unwrap().value, 4.5);
        // An exponent counts; an amount past the largest float has no value.
        assert_eq!(parse_value("1e308 yen", None).map(|v| (v.value, v.currency)), Some((1e308, Some("JPY".to_string()))));
        assert!(parse_value("1e400 yen", None).is_none());
    }

    #[test]
    fn number_phrases() {
        let cases: &[(&str, Option<f64>)] = &[
            ("one hundred and five", Some(105.0)),
            ("5,200", Some(5200.0)),
            ("4.5bn", Some(4.5e9)),
            ("twenty-three", Some(23.0)),
            ("a third", Some(1.0 / 3.0)),
            ("three-quarters", Some(0.75)),
            ("-12", Some(-12.0)),
            ("two thousand five hundred million", Some(2.5e9)),
            ("one thousand million", Some(1e9)),
            ("1.5 thousand million", Some(1.5e9)),
            ("5 km", None),
            ("several", None),
            ("", None),
            ("five six", None),
            // Exponents: the value, not the digits before the "e"; an overflow has none.
            ("6.02e23", Some(6.02e23)),
            ("1E6", Some(1e6)),
            ("3e-5", Some(3e-5)),
            ("2.5e+3", Some(2500.0)),
            ("1e400", None),
            ("5e", None),
            ("2eggs", None),
        ];
        for &(text, want) in cases {
            assert_eq!(parse_number_phrase(text), want, "{text:?}");
        }
    }

    #[test]
    fn spelling() {
        assert_eq!(spell_integer(0), "zero");
        assert_eq!(spell_integer(7), "seven");
        assert_eq!(spell_integer(23), "twenty-three");
        assert_eq!(spell_integer(40), "forty");
        assert_eq!(spell_integer(105), "one hundred five");
        assert_eq!(spell_integer(1_000_000), "one million");
        assert_eq!(
            spell_integer(1_234_567),
            "one million two hundred thirty-four thousand five hundred sixty-seven"
        );
        assert_eq!(
            spell_integer(999_999_999_999_999),
            "nine hundred ninety-nine trillion nine hundred ninety-nine billion nine hundred \
             ninety-nine million nine hundred ninety-nine thousand nine hundred ninety-nine"
        );
        assert!(spell_integer(u64::MAX).starts_with("eighteen quintillion"));
    }

    #[test]
    fn word_classes() {
        let cases = [
            ("seven", Some("numword")),
            ("hundred", Some("numword")),
            ("zero", Some("numword")),
            ("million", Some("scale")),
            ("bn", Some("scale")),
            ("k", Some("scale")),
            ("crore", Some("scale")),
            ("third", Some("ordword")),
            ("twentieth", Some("ordword")),
            ("21st", Some("ordword")),
            ("1,000th", Some("ordword")),
            ("10000th", Some("ordword")),
            ("1,00th", None),
            (",100th", None),
            ("half", Some("fracword")),
            ("quarters", Some("fracword")),
            ("thirds", Some("fracword")),
            ("dozens", Some("vague")),
            ("several", Some("vague")),
            ("couple", Some("vague")),
            ("$", Some("currency")),
            ("us$", Some("currency")),
            ("hk$", Some("currency")),
            ("€", Some("currency")),
            ("rs.", Some("currency")),
            ("usd", Some("currency")),
            ("dollars", Some("currency")),
            ("yuan", Some("currency")),
            ("cents", Some("currency")),
            ("%", Some("percent")),
            ("percent", Some("percent")),
            ("pct", Some("percent")),
            ("per", Some("percent")),
            ("km", Some("unit")),
            ("kilometres", Some("unit")),
            ("°c", Some("unit")),
            ("acres", Some("unit")),
            ("january", Some("month")),
            ("sept", Some("month")),
            ("jan.", Some("month")),
            ("monday", Some("weekday")),
            ("thurs", Some("weekday")),
            ("the", None),
            ("won", None),
            ("in", None),
            ("", None),
            (".", None),
            ("covid", None),
        ];
        for (w, want) in cases {
            assert_eq!(word_class(w), want, "{w:?}");
        }
    }

    #[test]
    fn long_inputs_stay_linear() {
        let start = std::time::Instant::now();
        let inputs = [
            "one hundred and ".repeat(20_000),
            "between 1 and ".repeat(20_000),
            "about ".repeat(20_000) + "5",
            "9".repeat(100_000),
            "a thousand and one million and ".repeat(5_000),
            "twenty-".repeat(20_000),
            "1,000 ".repeat(20_000),
            "½".repeat(50_000),
        ];
        for s in &inputs {
            let _ = parse_value(s, None);
            let _ = parse_number_phrase(s);
        }
        // Generous even for unoptimized builds; a quadratic parser takes minutes here.
        assert!(start.elapsed().as_secs() < 20, "took {:?}", start.elapsed());
        assert_eq!(
            parse_value(&"9".repeat(400), None),
            None,
            "overflow to infinity has no value"
        );
    }

    #[cfg(feature = "cli")]
    #[test]
    fn serializes_lowercase_kinds() {
        let v = parse_value("$5", None).unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"money","value":5.0,"low":null,"high":null,"unit":null,"currency":"USD"}"#
        );
    }

    /// Words and symbols the grammar knows, for random phrase soup.
    #[rustfmt::skip]
    const VOCAB: &[&str] = &[
        "one", "twenty", "-", "hundred", "and", "a", "half", "third", "thirds", "million", "bn", "m", "b", "$",
        "US$", "€", "%", "per", "cent", "percent", "between", "from", "to", "or", "of", "dozen", "dozens",
        "tens", "thousands", "several", "km", "square", "degrees", "°", "/", "5", "1,000", "2.5", ".5", "½",
        "first", "st", "th", "point", "about", "more", "than", "cents", "pounds", "Rs.", "the", "–", "−", " ",
        "couple", "few", "quarter", "an", "US", "HK", "k", "lakh", "crore", "0", "1/2", "99999999999999999999",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn spelled_integers_round_trip(n in 0u64..1_000_000_000_000) {
            prop_assert_eq!(parse_number_phrase(&spell_integer(n)), Some(n as f64));
        }

        #[test]
        fn spelled_integers_read_as_cardinals_and_percents(n in 0u64..1_000_000_000) {
            let v = parse_value(&spell_integer(n), None).unwrap();
            prop_assert_eq!((v.kind, v.value), (Cardinal, n as f64));
            let p = parse_value(&format!("{} percent", spell_integer(n)), None).unwrap();
            prop_assert_eq!((p.kind, p.value), (Percent, n as f64));
        }

        #[test]
        fn digits_with_separators_round_trip(
            n in 0u64..(1u64 << 53),
            sep in prop::sample::select(vec![",", " ", "\u{2009}", "\u{202F}", "\u{A0}"]),
        ) {
            let plain = n.to_string();
            let mut grouped = String::new();
            for (k, ch) in plain.chars().enumerate() {
                if k > 0 && (plain.len() - k) % 3 == 0 {
                    grouped.push_str(sep);
                }
                grouped.push(ch);
            }
            prop_assert_eq!(parse_number_phrase(&grouped), Some(n as f64), "{:?}", grouped);
            prop_assert_eq!(parse_value(&grouped, None).map(|v| v.value), Some(n as f64));
        }

        #[test]
        fn decimals_with_scale_words(int in 0u32..100_000, frac in 0u32..1000, scale in prop::sample::select(vec![
            ("thousand", 1e3), ("million", 1e6), ("billion", 1e9), ("trillion", 1e12),
            ("k", 1e3), ("m", 1e6), ("mln", 1e6), ("bn", 1e9), ("tn", 1e12), ("lakh", 1e5), ("crore", 1e7),
        ]), attached in any::<bool>()) {
            let x: f64 = format!("{int}.{frac:03}").parse().unwrap();
            let text = format!("{int}.{frac:03}{}{}", if attached { "" } else { " " }, scale.0);
            let got = parse_number_phrase(&text).unwrap();
            let want = x * scale.1;
            prop_assert!((got - want).abs() <= 1e-9 * want.abs(), "{} -> {} want {}", text, got, want);
            let money = parse_value(&format!("${text}"), None).unwrap();
            prop_assert_eq!(money.currency.as_deref(), Some("USD"));
            prop_assert_eq!(money.value, got);
        }

        #[test]
        fn ordinal_suffixes(n in 0u64..10_000_000) {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            let v = parse_value(&format!("{n}{suffix}"), None).unwrap();
            prop_assert_eq!((v.kind, v.value), (Ordinal, n as f64));
            prop_assert_eq!(word_class(&format!("{n}{suffix}")), Some("ordword"));
        }

        #[test]
        fn spelled_ordinals(n in 1u64..1_000_000) {
            // "twenty-three" -> "twenty-third" etc.
            let words = spell_integer(n);
            let (head, last) = match words.rfind([' ', '-']) {
                Some(k) => (&words[..=k], &words[k + 1..]),
                None => ("", words.as_str()),
            };
            let ord = if let Some(i) = UNIT_WORDS.iter().position(|&w| w == last) { ORD_UNITS[i].to_string() }
                else if let Some(i) = TEEN_WORDS.iter().position(|&w| w == last) { ORD_TEENS[i].to_string() }
                else if let Some(i) = TENS_WORDS.iter().position(|&w| w == last) { ORD_TENS[i].to_string() }
                else { format!("{last}th") };
            let text = format!("{head}{ord}");
            let v = parse_value(&text, None).unwrap();
            // "one hundredth" and "one thousandth" are also fractions, and read as such (see
            // `one_hundredth_is_a_fraction`); every other spelled ordinal is only an ordinal.
            if text != "one hundredth" && text != "one thousandth" {
                prop_assert_eq!((v.kind, v.value), (Ordinal, n as f64), "{}", text);
            }
        }

        #[test]
        fn never_panics_on_arbitrary_text(
            s in "\\PC{0,60}",
            hint in prop::option::of(prop::sample::select(vec![Cardinal, Ordinal, Money, Percent, Quantity])),
        ) {
            let _ = parse_value(&s, hint);
            let _ = parse_number_phrase(&s);
            let _ = word_class(&s);
        }

        #[test]
        fn never_panics_on_number_soup(
            words in prop::collection::vec(prop::sample::select(VOCAB.to_vec()), 0..14),
            spaced in any::<bool>(),
        ) {
            let text = words.join(if spaced { " " } else { "" });
            for hint in [None, Some(Money), Some(Quantity)] {
                if let Some(v) = parse_value(&text, hint) {
                    prop_assert!(v.value.is_finite(), "{:?} -> {:?}", text, v);
                    prop_assert_eq!(v.low.is_some(), v.high.is_some());
                }
            }
            let _ = parse_number_phrase(&text);
        }
    }
}
