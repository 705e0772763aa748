#pragma once

#include "wizard/ApplicationPage.h"

namespace certdesk::ui {

class FormField;

// Step 3: identify the old certificate by its serial number (证书序列号).
class LookupPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit LookupPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    FormField* m_serial;
};

} // namespace certdesk::ui
