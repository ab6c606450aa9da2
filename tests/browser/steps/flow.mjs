// The flow, step by step (filled in as the pages land).
export async function runFlow(flow, run) {
  await flow.step('the console answers at /', async (page) => {
    await page.goto(run.baseUrl);
  });
}
