#pragma once

class QApplication;

namespace certdesk::ui {

// The kiosk's look, in one place: larger type, every control at least 48 px high (touch targets), large
// check and radio indicators, wide scroll bars. Applied to the whole application once, before the main
// window is built (`certdesk --kiosk`, the kiosk tests and screenshot tools); pages read kioskLook() to lay
// their fields out in one column.
void applyKioskLook(QApplication& app);
[[nodiscard]] bool kioskLook();

} // namespace certdesk::ui
