#pragma once

#include "wizard/ApplicationPage.h"

class QLabel;
class QPushButton;

namespace certdesk::ui {

class FormField;

// Step 3: identify the old certificate by its serial number (证书序列号). The service answers with the masked
// holder, expiry, whether renewal is allowed (and why not), the fee per year and the years allowed; the page is
// complete only for a renewable certificate whose serial is the one in the field.
class LookupPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit LookupPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;
    [[nodiscard]] bool isComplete() const override;
    void initializePage() override;

    // Asks the service about the serial in the field (also bound to the 查询 button and Return).
    void lookup();

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    void showResult(const Application& application);

    FormField* m_serial;
    QPushButton* m_lookup;
    QLabel* m_result;
    bool m_busy = false;
};

} // namespace certdesk::ui
