#pragma once
namespace bm::ui {
// Loads Noto Sans (Latin, Latin Extended incl. Azerbaijani ə, Cyrillic, Greek, punctuation)
// merged with Noto Sans Armenian, from the embedded fonts, at 15 px times the content scale.
void load_fonts(float content_scale);
}  // namespace bm::ui
