#pragma once

#include "wizard/ApplicationPage.h"

class QComboBox;
class QLabel;

namespace certdesk::ui {

// 选择续期年限 and the fees it costs (证书费用 = years × fee per year, 快递费用, 总费用), from the lookup.
class YearsPage : public ApplicationPage
{
    Q_OBJECT
public:
    explicit YearsPage(QWidget* parent = nullptr);
    [[nodiscard]] int nextId() const override;

protected:
    void loadFrom(const Application& application) override;
    void saveTo(Application& application) const override;

private:
    void showFees();

    QComboBox* m_years;
    QLabel* m_fees;
};

} // namespace certdesk::ui
