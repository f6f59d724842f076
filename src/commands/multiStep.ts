import * as vscode from 'vscode';

// A small multi-step input: each step is one QuickPick or InputBox with a title "Title (n/N)",
// a Back button from the second step on, and validation before the step can be accepted. Steps
// write into a shared state object; Back re-runs the previous step with the state as it was left
// (so earlier answers are shown again), Escape cancels the whole wizard.

export const BACK = Symbol('back');
/** A step that does not apply to this state: passed over in whichever direction the user is going. */
export const SKIP = Symbol('skip');
export type Answer<T> = T | typeof BACK | undefined;
/** A step resolves to true to go on, BACK to go back, SKIP when it does not apply, undefined to cancel. */
export type Step<S> = (input: StepInput, state: S) => Promise<true | typeof BACK | typeof SKIP | undefined>;

export interface PickOptions<T extends vscode.QuickPickItem> {
  placeholder: string;
  items: readonly T[];
  active?: T;
}

export interface InputOptions {
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Returns an error message, or undefined when the value is fine. May be async (file checks). */
  validate?: (value: string) => string | undefined | Promise<string | undefined>;
}

export class StepInput {
  constructor(
    private readonly title: string,
    readonly step: number,
    private readonly total: number,
  ) {}

  private decorate(q: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox): void {
    q.title = `${this.title} (${this.step}/${this.total})`;
    q.ignoreFocusOut = true;
    q.buttons = this.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  pick<T extends vscode.QuickPickItem>(options: PickOptions<T>): Promise<Answer<T>> {
    return this.pickInternal(options, false) as Promise<Answer<T>>;
  }

  pickMany<T extends vscode.QuickPickItem>(options: PickOptions<T> & { selected: readonly T[] }): Promise<Answer<T[]>> {
    return this.pickInternal(options, true) as Promise<Answer<T[]>>;
  }

  private pickInternal<T extends vscode.QuickPickItem>(
    options: PickOptions<T> & { selected?: readonly T[] },
    many: boolean,
  ): Promise<Answer<T | T[]>> {
    const q = vscode.window.createQuickPick<T>();
    this.decorate(q as unknown as vscode.QuickPick<vscode.QuickPickItem>);
    q.placeholder = options.placeholder;
    q.items = options.items;
    q.canSelectMany = many;
    if (many && options.selected) q.selectedItems = options.selected;
    if (!many && options.active) q.activeItems = [options.active];
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: Answer<T | T[]>) => {
        if (done) return;
        done = true;
        resolve(value);
        q.dispose();
      };
      q.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      q.onDidAccept(() => {
        if (many) finish([...q.selectedItems]);
        else if (q.selectedItems[0] ?? q.activeItems[0]) finish(q.selectedItems[0] ?? q.activeItems[0]);
      });
      q.onDidHide(() => finish(undefined));
      q.show();
    });
  }

  input(options: InputOptions): Promise<Answer<string>> {
    const box = vscode.window.createInputBox();
    this.decorate(box);
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.password = options.password ?? false;
    let check = 0;
    const validate = async (value: string): Promise<string | undefined> => {
      const mine = ++check;
      const message = await options.validate?.(value);
      // Only the latest keystroke's answer is shown.
      if (mine === check) box.validationMessage = message;
      return message;
    };
    return new Promise((resolve) => {
      let done = false;
      const finish = (value: Answer<string>) => {
        if (done) return;
        done = true;
        resolve(value);
        box.dispose();
      };
      box.onDidChangeValue((v) => void validate(v));
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      box.onDidAccept(async () => {
        const value = box.value;
        box.busy = true;
        box.enabled = false;
        const message = await validate(value);
        box.busy = false;
        box.enabled = true;
        if (!message) finish(value);
      });
      box.onDidHide(() => finish(undefined));
      box.show();
      if (box.value) void validate(box.value);
    });
  }
}

/** Runs the steps in order with Back support; resolves to the state, or undefined when cancelled. */
export async function runSteps<S>(title: string, steps: readonly Step<S>[], state: S): Promise<S | undefined> {
  let index = 0;
  let direction = 1;
  while (index < steps.length) {
    const outcome = await steps[index](new StepInput(title, index + 1, steps.length), state);
    if (outcome === undefined) return undefined;
    if (outcome === BACK) direction = -1;
    else if (outcome === true) direction = 1;
    index += direction;
    // Went back past a skipped first step: start over going forward.
    if (index < 0) {
      index = 0;
      direction = 1;
    }
  }
  return state;
}
