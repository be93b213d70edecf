//! Which of the site's two languages a release is written in, told by the
//! short words that nearly every sentence of one language needs and the
//! other language does not have.

const INDONESIAN: [&str; 24] = [
    "yang", "dan", "di", "dengan", "untuk", "ini", "itu", "dari", "dalam", "pada", "ke", "tidak",
    "akan", "adalah", "oleh", "juga", "sebagai", "bahwa", "para", "kepada", "atau", "dapat",
    "telah", "sudah",
];

const ENGLISH: [&str; 24] = [
    "the", "and", "of", "to", "in", "is", "for", "that", "with", "on", "by", "as", "are", "was",
    "were", "be", "this", "from", "it", "an", "has", "have", "will", "at",
];

/// Fewer function words than this is too little text to tell.
const ENOUGH: usize = 3;

/// `id` or `en`; `None` when the text is too short or mixed. Names, places
/// and program titles in the other language (`Focus Group Discussion` in
/// Indonesian text) carry no function words, so they do not tip it.
pub fn detect(text: &str) -> Option<&'static str> {
    let (mut indonesian, mut english) = (0, 0);
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let word = word.to_lowercase();
        if INDONESIAN.contains(&word.as_str()) {
            indonesian += 1;
        } else if ENGLISH.contains(&word.as_str()) {
            english += 1;
        }
    }
    // A quoted sentence in the other language must not decide it: ask for
    // a clear majority.
    if indonesian >= ENOUGH && indonesian > 2 * english {
        Some("id")
    } else if english >= ENOUGH && english > 2 * indonesian {
        Some("en")
    } else {
        None
    }
}

/// A word a file name should not end with (`...-ministry-of`).
pub fn is_function_word(word: &str) -> bool {
    INDONESIAN.contains(&word) || ENGLISH.contains(&word)
}

/// The language's name for notes: `Indonesian` for `id`.
pub fn name(code: &str) -> &str {
    match code {
        "id" => "Indonesian",
        "en" => "English",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_indonesian_from_english() {
        assert_eq!(
            detect(
                "Kementerian Sosial membuka pelatihan yang diikuti para pendamping dari tiga kota di Jawa Timur."
            ),
            Some("id")
        );
        assert_eq!(
            detect(
                "The Ministry of Social Affairs opened a training for the companions from three cities in East Java."
            ),
            Some("en")
        );
        // A program's English name does not make Indonesian text English.
        assert_eq!(
            detect(
                "Focus Group Discussion Social Entrepreneurship itu dibuka oleh Dirjen dan diikuti oleh pendamping di Medan."
            ),
            Some("id")
        );
        assert_eq!(detect("Kemensos Rintis Sinergi"), None);
        assert_eq!(detect("the yang and dan of di"), None);
    }
}
