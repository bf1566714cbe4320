#include "gazetteer/unicode.h"

namespace bm::gazetteer::uni {

bool is_word(char32_t cp) {
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
               cp == '_';
    if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;  // Latin-1 punctuation/symbols
    if (cp == 0xD7 || cp == 0xF7) return false;                    // × ÷
    if (cp >= 0x2000 && cp <= 0x2BFF) return false;  // punctuation, symbols, arrows, dashes, quotes
    if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
    if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
    if (cp >= 0xFF00 && cp <= 0xFF0F) return false;
    if (cp == 0xFEFF || cp == 0xFFFD) return false;
    if (cp == 0x055A || cp == 0x055B || cp == 0x055C || cp == 0x055D || cp == 0x055E ||
        cp == 0x0589)
        return false;  // Armenian punctuation
    return true;
}

bool is_upper(char32_t cp) {
    if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
    if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
    if (cp >= 0x100 && cp <= 0x17F) {  // Latin Extended-A: mostly even = upper
        if (cp == 0x130) return true;  // İ
        if (cp == 0x131 || cp == 0x138 || cp == 0x149 || cp == 0x17F) return false;
        if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return cp % 2 == 1;
        return cp % 2 == 0;
    }
    if (cp == 0x18F) return true;                 // Ə (Azerbaijani schwa)
    if (cp >= 0x400 && cp <= 0x42F) return true;  // Cyrillic capitals
    if (cp >= 0x460 && cp <= 0x4FF) return cp % 2 == 0 && !(cp >= 0x482 && cp <= 0x489);
    if (cp >= 0x531 && cp <= 0x556) return true;  // Armenian capitals
    if (cp >= 0x391 && cp <= 0x3AB) return true;  // Greek capitals
    return false;
}

bool is_lower(char32_t cp) {
    if (cp < 0x80) return cp >= 'a' && cp <= 'z';
    return to_upper(cp) != cp || cp == 0xDF;
}

char32_t to_lower(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if (!is_upper(cp)) return cp;
    if (cp >= 0xC0 && cp <= 0xDE) return cp + 0x20;
    if (cp == 0x130) return 'i';
    if (cp >= 0x100 && cp <= 0x17F) return cp + 1;
    if (cp == 0x18F) return 0x259;
    if (cp >= 0x400 && cp <= 0x40F) return cp + 0x50;
    if (cp >= 0x410 && cp <= 0x42F) return cp + 0x20;
    if (cp >= 0x460 && cp <= 0x4FF) return cp + 1;
    if (cp >= 0x531 && cp <= 0x556) return cp + 0x30;
    if (cp >= 0x391 && cp <= 0x3AB) return cp + 0x20;
    return cp;
}

char32_t to_upper(char32_t cp) {
    if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
    if (cp >= 0xE0 && cp <= 0xFE && cp != 0xF7) return cp - 0x20;
    if (cp == 0x131) return 'I';
    if (cp >= 0x101 && cp <= 0x17F && is_upper(cp - 1) && to_lower(cp - 1) == cp) return cp - 1;
    if (cp == 0x259) return 0x18F;
    if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
    if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
    if (cp >= 0x461 && cp <= 0x4FF && is_upper(cp - 1)) return cp - 1;
    if (cp >= 0x561 && cp <= 0x586) return cp - 0x30;
    if (cp >= 0x3B1 && cp <= 0x3CB && cp != 0x3C2) return cp - 0x20;
    return cp;
}

}  // namespace bm::gazetteer::uni
