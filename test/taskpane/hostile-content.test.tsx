import { render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/app";
import { MemoryHost } from "../../src/taskpane/host/memory-host";
import { sampleWorkbook, setMilestone, setSetting } from "../workbook/helpers";

const SCRIPT = '<img src=x onerror="window.injected=true"><script>window.injected=true</script>';

beforeEach(() => jest.useFakeTimers({ now: new Date("2026-03-31T12:00:00Z"), advanceTimers: true }));
afterEach(() => jest.useRealTimers());

describe("hostile content in the task pane", () => {
  it("shows descriptions and settings holding HTML as text, never as markup", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M1", "Description", SCRIPT);
    setSetting(workbook.state, "Client name", SCRIPT);
    const { container } = render(<App host={new MemoryHost(workbook)} dark={false} exportInvoice={jest.fn(() => Promise.resolve({ kind: "downloaded" as const }))} />);
    expect(await screen.findByText((text) => text.includes("<img src=x"))).toBeInTheDocument();
    expect(container.querySelector("img[src='x'], script")).toBeNull();
    expect((window as { injected?: boolean }).injected).toBeUndefined();
  });

  it("shows a problem quoting hostile text as text", async () => {
    const workbook = await sampleWorkbook();
    setMilestone(workbook.state, "M2", "% complete", SCRIPT);
    const { container } = render(<App host={new MemoryHost(workbook)} dark={false} exportInvoice={jest.fn(() => Promise.resolve({ kind: "downloaded" as const }))} />);
    expect(await screen.findByText((text) => text.includes("must be a number") && text.includes("<img"))).toBeInTheDocument();
    expect(container.querySelector("img[src='x'], script")).toBeNull();
  });
});
