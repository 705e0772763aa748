#pragma once

#include "wizard/ApplicationPage.h"

#include <QHash>

class QButtonGroup;

namespace certdesk::ui {

// Step 1: which kind of certificate is renewed (机构证书 / 机构业务证书 / 机构个人证书 / 自然人证书).
class KindPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit KindPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    QButtonGroup* m_group;
};

} // namespace certdesk::ui
