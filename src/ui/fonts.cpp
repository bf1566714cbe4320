#include "ui/fonts.h"

#include <imgui.h>

#include "common/resources.h"

namespace bm::ui {

void load_fonts(float scale) {
    ImGuiIO& io = ImGui::GetIO();
    static const ImWchar latin[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 (incl. no-break space)
        0x0100, 0x024F,  // Latin Extended-A/B (ç, ğ, ş, ı …)
        0x0250, 0x02AF,  // IPA Extensions: Azerbaijani ə (U+0259)
        0x0370, 0x03FF,  // Greek
        0x0400, 0x052F,  // Cyrillic
        0x1E00, 0x1EFF,  // Latin Extended Additional
        0x2000, 0x206F,  // General Punctuation: curly quotes, dashes, ellipsis
        0x20A0, 0x20CF,  // currency
        0x2190, 0x21FF,  // arrows
        0};
    static const ImWchar armenian[] = {0x0530, 0x058F, 0xFB13, 0xFB17, 0};
    const float size = 15.0f * scale;
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;  // embedded, read-only bytes
    cfg.OversampleH = 2;
    auto regular = bm::resource("fonts/NotoSans-Regular.ttf");
    auto arm = bm::resource("fonts/NotoSansArmenian-Regular.ttf");
    if (!regular) {
        io.Fonts->AddFontDefault();
        return;
    }
    auto add_armenian = [&](float px) {
        if (!arm) return;
        ImFontConfig merge = cfg;
        merge.MergeMode = true;
        io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(arm->data()), int(arm->size()), px, &merge,
                                       armenian);
    };
    io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(regular->data()), int(regular->size()), size,
                                   &cfg, latin);
    add_armenian(size);
    // Fonts[1]: headings (the selected place, article titles), bold and a size up.
    if (auto bold = bm::resource("fonts/NotoSans-Bold.ttf")) {
        io.Fonts->AddFontFromMemoryTTF(const_cast<char*>(bold->data()), int(bold->size()),
                                       size * 1.25f, &cfg, latin);
        add_armenian(size * 1.25f);
    }
}

}  // namespace bm::ui
