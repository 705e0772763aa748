#pragma once

#include "wizard/ApplicationPage.h"

class QCheckBox;
class QLabel;

namespace certdesk::ui {

// Step 2: the service agreement and the warning that the old certificate is revoked after the upgrade, so bid
// documents already encrypted to it can no longer be decrypted. Both must be acknowledged; the time of the
// acknowledgement is stored with the application.
class AgreementPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit AgreementPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;
    void showExtraError(const QString& apiPath, const QString& message) override;

private:
    QCheckBox* m_agreement;
    QCheckBox* m_revocation;
    QLabel* m_agreementError;
    QLabel* m_revocationError;
};

} // namespace certdesk::ui
