//! Which UI messages each language lacks, as warnings for `build`.

use crate::diagnostics::Diagnostic;
use crate::i18n::Locales;
use crate::layout::LOCALES_DIR;

/// One warning per language that lacks UI messages other languages have
/// (they are shown in the default language instead).
pub fn missing_message_warnings(
    locales: &Locales,
    languages: &[String],
    default_lang: usize,
) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (lang, code) in languages.iter().enumerate() {
        // The default language's are errors (`Locales::message_problems`).
        if lang == default_lang {
            continue;
        }
        let missing = locales.missing_in(lang);
        if missing.is_empty() {
            continue;
        }
        let shown: Vec<&str> = missing.iter().take(5).map(String::as_str).collect();
        let more = if missing.len() > shown.len() {
            format!(" and {} more", missing.len() - shown.len())
        } else {
            String::new()
        };
        warnings.push(Diagnostic::warning(
            "locale.missing-message",
            format!("{}/{code}", LOCALES_DIR),
            format!(
                "{} UI message(s) have no `{code}` text and are shown in the default language, `{}`: {}{more}",
                missing.len(),
                languages[default_lang],
                shown.join(", ")
            ),
        ));
    }
    warnings
}
