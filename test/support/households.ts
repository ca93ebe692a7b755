/** A small valid household (the docs/contract.md example), to copy and change in tests. */
export function contractExample(): Record<string, any> {
  return {
    id: "LH-0001",
    region: { province: "530000", county: "530129", township: "联合乡", village: "V03" },
    householdType: "general",
    monitoring: {
      category: "marginal",
      identifiedOn: "2025-01-10",
      riskTypes: ["illness"],
      riskEliminatedOn: null,
      measures: [{ id: "health.medicalAssistance", since: "2025-01-20" }],
    },
    members: [
      {
        id: "M1",
        birthDate: "1968-05-02",
        sex: "male",
        relation: "head",
        labor: "ordinary",
        illness: "chronic",
        disabilityLevel: null,
        schooling: "none",
        schoolExempt: false,
        medicalInsurance: "resident",
        socialAssistance: [],
      },
    ],
    income: {
      periodEnd: "2025-05-31",
      wage: "12000",
      business: "3500.50",
      property: "0",
      transfer: "1800",
      productionCost: "900",
      insurancePayout: "0",
    },
    previousIncome: { wage: "20000", business: "3000", property: "0", transfer: "1800", productionCost: "800" },
    expenses: { medical: "6000", education: "0", other: "0" },
    livingConditions: {
      food: true,
      clothing: true,
      housing: { safetyLevel: "B" },
      water: {
        litersPerPersonPerDay: 40,
        waterScarceArea: false,
        qualityOk: true,
        pipedIn: true,
        fetchMinutes: 0,
        interruptionDaysPerYear: 3,
      },
    },
    events: [{ type: "accident", date: "2025-03-02", loss: "8000" }],
  };
}
